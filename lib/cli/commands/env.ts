/** `lineup env POD [PATH...] [-c CONTAINER]`: the service-link variables the kubelet injects. */
import { serviceEnv } from '../../views/env';
import { CliError, EXIT_OK, type CliIO } from '../io';
import { resolvePod } from '../targets';
import { namespaceOf, open, type CommonOptions } from './common';

export interface EnvOptions extends CommonOptions {
  container?: string;
}

export function runEnv(podRef: string, paths: string[], opts: EnvOptions, io: CliIO): number {
  const { cluster } = open(paths, opts);
  const pod = resolvePod(cluster, podRef, namespaceOf(opts));
  if (opts.container !== undefined && !pod.containers.some((c) => c.name === opts.container)) {
    throw new CliError(`container "${opts.container}" not found in pod ${pod.namespace}/${pod.name}`, `containers: ${pod.containers.map((c) => c.name).join(', ') || 'none'}`);
  }
  const vars = serviceEnv(cluster, pod, opts.container);
  if (opts.output === 'json') {
    const doc: Record<string, string> = {};
    for (const v of vars) doc[v.name] = v.value;
    io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    io.stdout.write(vars.map((v) => `${v.name}=${v.value}\n`).join(''));
  }
  return EXIT_OK;
}
