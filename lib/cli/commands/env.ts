/** `lineup env POD [PATH...] [-c CONTAINER]`: the service-link variables the kubelet injects. */
import { queryEnv } from '../../query/env';
import { EXIT_OK, type CliIO } from '../io';
import { namespaceOf, open, type CommonOptions } from './common';

export interface EnvOptions extends CommonOptions {
  container?: string;
}

export function runEnv(podRef: string, paths: string[], opts: EnvOptions, io: CliIO): number {
  const { cluster } = open(paths, opts);
  const { variables } = queryEnv(cluster, { pod: podRef, container: opts.container, namespace: namespaceOf(opts) });
  if (opts.output === 'json') {
    const doc: Record<string, string> = {};
    for (const v of variables) doc[v.name] = v.value;
    io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    io.stdout.write(variables.map((v) => `${v.name}=${v.value}\n`).join(''));
  }
  return EXIT_OK;
}
