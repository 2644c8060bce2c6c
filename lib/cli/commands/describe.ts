/** `lineup describe service NAME [PATH...]`: kubectl describe's layout. */
import { versionAtLeast } from '../../k8s/version';
import { describeService } from '../printers/describe-service';
import { formatEndpoints } from '../printers/endpoints';
import { CliError, EXIT_OK, type CliIO } from '../io';
import { serviceNotFound } from '../targets';
import { namespaceOf, open, type CommonOptions } from './common';

const SERVICE_KINDS = new Set(['service', 'services', 'svc']);

export function runDescribe(kind: string, name: string, paths: string[], opts: CommonOptions, io: CliIO): number {
  if (!SERVICE_KINDS.has(kind.toLowerCase())) throw new CliError(`cannot describe "${kind}"`, 'only services can be described: lineup describe service NAME');
  const { cluster } = open(paths, opts);
  const ns = namespaceOf(opts);
  const svc = cluster.service(ns, name);
  if (!svc) throw serviceNotFound(cluster, name, ns);
  const output = opts.output ?? 'text';
  if (output === 'json' || output === 'yaml') {
    // The Service as the API server holds it, like `kubectl get service NAME -o json|yaml`.
    if (output === 'json') io.stdout.write(JSON.stringify(svc.api, null, 4) + '\n');
    else io.stdout.write((require('yaml') as typeof import('yaml')).stringify(svc.api, { indentSeq: false, lineWidth: 0 }));
    return EXIT_OK;
  }
  const version = cluster.settings.kubernetesVersion;
  // kubectl read Endpoints before EndpointSlices existed (GA in 1.21); clusters that old may have no slices.
  const ep = cluster.endpointsOf(ns, name);
  const legacy = !versionAtLeast(version, 1, 21) && ep !== undefined;
  io.stdout.write(describeService(svc, cluster.slicesOf(ns, name), { version, endpointsLine: legacy ? (portName) => formatEndpoints(ep, new Set([portName])) : undefined }));
  return EXIT_OK;
}
