/** `lineup get KIND [PATH...]`: kubectl tables, or the simulated objects as a List. */
import { getKind, queryGet, listObjects } from '../../query/get';
import { getTable, noResourcesMessage, renderList } from '../printers/get';
import { EXIT_OK, type CliIO } from '../io';
import { namespaceOf, open, type CommonOptions } from './common';

export interface GetCommandOptions extends CommonOptions {
  allNamespaces?: boolean;
}

export function runGet(kindText: string, paths: string[], opts: GetCommandOptions, io: CliIO): number {
  const kind = getKind(kindText);
  const { cluster } = open(paths, opts);
  const namespace = opts.allNamespaces ? undefined : namespaceOf(opts);
  const output = opts.output ?? 'table';
  if (output === 'json' || output === 'yaml') {
    io.stdout.write(renderList(listObjects(cluster, kind, { namespace }), output));
    return EXIT_OK;
  }
  const table = getTable(queryGet(cluster, kind, { namespace }), { wide: output === 'wide' });
  // Like kubectl: an empty list is not an error, and the note goes to stderr so stdout stays parseable.
  if (table === '') io.stderr.write(noResourcesMessage(namespace) + '\n');
  else io.stdout.write(table);
  return EXIT_OK;
}
