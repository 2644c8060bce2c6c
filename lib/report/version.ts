/** The package's own facts, for SARIF `tool.driver`, `lineup --version` and "how to fix" links. */
import * as fs from 'fs';
import * as path from 'path';

interface PackageFacts {
  /** Directory holding the package.json named cdk8s-lineup (docs/ ships beside it). */
  root?: string;
  version: string;
  homepage?: string;
}

let cached: PackageFacts | undefined;

/**
 * Read from the nearest package.json named cdk8s-lineup above this file. Looked up at run time
 * (not imported) because the compiled code runs from build/lib/…, and an installed package ships
 * build/lib but not a copy of package.json inside build/.
 */
function packageFacts(): PackageFacts {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown; homepage?: unknown };
      if (pkg.name === 'cdk8s-lineup' && typeof pkg.version === 'string') {
        return (cached = { root: dir, version: pkg.version, homepage: typeof pkg.homepage === 'string' ? pkg.homepage : undefined });
      }
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (cached = { version: '0.0.0' });
}

export function toolVersion(): string {
  return packageFacts().version;
}

/** The package's homepage (package.json), if it names one. */
export function toolHomepage(): string | undefined {
  return packageFacts().homepage;
}

/**
 * Where a rule is explained: the docs/rules.md that ships with the installed package, relative to
 * `cwd` (`node_modules/cdk8s-lineup/docs/rules.md#service-selects-no-pods`), so the link works
 * offline and for the version installed.
 */
export function ruleDocsLink(ruleId: string, cwd = process.cwd()): string {
  const root = packageFacts().root;
  const file = root ? path.join(root, 'docs', 'rules.md') : path.join('docs', 'rules.md');
  const rel = path.relative(cwd, file);
  const shown = rel !== '' && !path.isAbsolute(rel) ? rel : file;
  return `${shown.split(path.sep).join('/')}#${ruleId}`;
}
