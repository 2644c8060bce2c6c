/** `lineup graph [PATH...] -o mermaid|dot|html`: the topology picture, broken links in red. */
import { checkCluster } from '../../engine';
import { renderDot, renderHtml, renderMermaid } from '../../views/graph';
import { queryGraph } from '../../query/graph';
import { CliError, EXIT_OK, type CliIO } from '../io';
import { open, type CommonOptions } from './common';

export const GRAPH_FORMATS = ['mermaid', 'dot', 'html'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphOptions extends CommonOptions {
  output?: GraphFormat | string;
}

/** Prints the picture; exit 0 whatever it shows (findings are drawn, not judged: `check` judges). */
export function runGraph(paths: string[], opts: GraphOptions, io: CliIO): number {
  const format = opts.output ?? 'mermaid';
  if (!(GRAPH_FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown graph format "${format}"`, `use -o ${GRAPH_FORMATS.join(', -o ')}`);
  const { cluster, load } = open(paths, opts);
  // The same findings as `check`, so the red links are exactly what `check` reports.
  const graph = queryGraph(cluster, checkCluster(cluster, load));
  const render = format === 'dot' ? renderDot : format === 'html' ? renderHtml : renderMermaid;
  io.stdout.write(render(graph));
  return EXIT_OK;
}
