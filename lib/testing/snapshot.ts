/**
 * Snapshots that stay put: manifests of a Chart/App, and any string in a snapshot, with the parts
 * that change from machine to machine or run to run taken out — absolute paths of the temp
 * directories `Testing.app()` and lineup's own tests leave (`/tmp/cdk8s.outdir.x1y2z3/…`), of the
 * working directory and of the home directory. cdk8s name hashes (`web-deployment-c8a1b2c3`) are
 * derived from construct paths, so they are stable; they are replaced only on request
 * (`stripHashes`), for snapshots that should survive renaming a construct.
 */
import * as os from 'os';
import * as fs from 'fs';
import { manifestsOf } from '../load/chart';

/** A directory to replace: `temp` roots take their first sub-directory along (the random mkdtemp one). */
export interface Root {
  path: string;
  as: string;
  temp?: boolean;
}

export interface StableOptions {
  /** Replace cdk8s name hashes (`-c8` + 6 hex digits) with `-<hash>`. Default false. */
  stripHashes?: boolean;
  /** Directories to replace; default: temp dir → `<tmp>`, cwd → `<cwd>`, home → `<home>`. */
  roots?: Root[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

export function defaultRoots(): Root[] {
  const roots: Root[] = [
    { path: os.tmpdir(), as: '<tmp>', temp: true },
    { path: process.cwd(), as: '<cwd>' },
    { path: os.homedir(), as: '<home>' },
  ];
  // Both spellings of a root reached through a symbolic link (macOS: /var → /private/var).
  for (const r of [...roots]) {
    const real = realpath(r.path);
    if (real && real !== r.path) roots.push({ ...r, path: real });
  }
  // Longest first, so a working directory inside the temp dir is not eaten by the temp root.
  return roots.filter((r) => r.path.replace(/[\\/]+$/, '').length > 0).sort((a, b) => b.path.length - a.path.length);
}

const HASH = /-c8[0-9a-f]{6}(?![0-9a-z])/g;

/** One string, made stable. */
export function stableText(text: string, opts: StableOptions = {}): string {
  let out = text;
  for (const root of opts.roots ?? defaultRoots()) {
    const p = escapeRegExp(root.path.replace(/[\\/]+$/, ''));
    // Only whole path prefixes: not preceded by a path character, ended by a separator or the end.
    const before = '(?<![\\w.\\-/\\\\])';
    const re = root.temp ? new RegExp(`${before}${p}[\\\\/][^\\\\/\\s"'\`:]+`, 'g') : new RegExp(`${before}${p}(?=[\\\\/\\s"'\`:]|$)`, 'g');
    out = out.replace(re, root.as);
  }
  if (opts.stripHashes) out = out.replace(HASH, '-<hash>');
  return out;
}

/** Any JSON-like value with every string (and object key) made stable. */
export function stableValue<T>(value: T, opts: StableOptions = {}): T {
  const roots = opts.roots ?? defaultRoots();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return stableText(v, { ...opts, roots });
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[stableText(k, { ...opts, roots })] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** The manifests of a Chart or App (like `Testing.synth`), stable for `toMatchSnapshot()`. */
export function stableManifests(chartOrApp: unknown, opts: StableOptions = {}): unknown[] {
  return stableValue(manifestsOf(chartOrApp).docs, opts);
}

/**
 * A jest snapshot serializer (`snapshotSerializers: ['cdk8s-lineup/testing/serializer']`, or
 * `expect.addSnapshotSerializer(lineupSnapshotSerializer)`): strings holding temp, working or home
 * directory paths are printed with `<tmp>`, `<cwd>` and `<home>` instead.
 */
/**
 * pretty-format's plugin shape, restated so the library needs no jest types. Parameters are `any`
 * because jest checks plugins bivariantly against its own (wider) types.
 */
export interface SnapshotSerializer {
  test(val: unknown): boolean;
  /* eslint-disable @typescript-eslint/no-explicit-any */
  serialize(val: any, config: any, indentation: string, depth: number, refs: any, printer: any): string;
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

export function createSnapshotSerializer(opts: StableOptions = {}): SnapshotSerializer {
  return {
    test: (val) => typeof val === 'string' && stableText(val, opts) !== val,
    serialize: (val: string, config, indentation, depth, refs, printer) => printer(stableText(val, opts), config, indentation, depth, refs),
  };
}

export const lineupSnapshotSerializer = createSnapshotSerializer();

