/** `lineup describe service NAME [PATH...]`: kubectl describe's layout. */
import { checkDescribable, queryDescribe } from '../../query/describe';
import { describeService } from '../printers/describe-service';
import { formatEndpoints } from '../printers/endpoints';
import { EXIT_OK, type CliIO } from '../io';
import { namespaceOf, open, type CommonOptions } from './common';

export function runDescribe(kind: string, name: string, paths: string[], opts: CommonOptions, io: CliIO): number {
  checkDescribable(kind);
  const { cluster } = open(paths, opts);
  const answer = queryDescribe(cluster, { kind, name, namespace: namespaceOf(opts) });
  const output = opts.output ?? 'text';
  if (output === 'json' || output === 'yaml') {
    // The Service as the API server holds it, like `kubectl get service NAME -o json|yaml`.
    if (output === 'json') io.stdout.write(JSON.stringify(answer.service.apiObject(), null, 4) + '\n');
    else io.stdout.write((require('yaml') as typeof import('yaml')).stringify(answer.service.apiObject(), { indentSeq: false, lineWidth: 0 }));
    return EXIT_OK;
  }
  const ep = answer.legacyEndpoints;
  io.stdout.write(describeService(answer.service, answer.slices, { version: answer.version, endpointsLine: ep ? (portName) => formatEndpoints(ep, new Set([portName])) : undefined }));
  return EXIT_OK;
}
