/** What every command shares: the common flags and opening the inputs. */
import { openCluster, type Opened } from '../../engine';

export interface CommonOptions {
  /** `--cluster FILE`. */
  cluster?: string;
  /** `-n/--namespace`. */
  namespace?: string;
  /** `-o/--output`. */
  output?: string;
}

/** The namespace that unqualified names refer to. */
export function namespaceOf(opts: CommonOptions): string {
  return opts.namespace ?? 'default';
}

export function open(paths: string[], opts: CommonOptions): Opened {
  return openCluster(paths, { clusterFile: opts.cluster, namespace: opts.namespace });
}
