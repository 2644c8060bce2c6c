/** The package's own version, for SARIF `tool.driver.version` and `lineup --version`. */
import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/**
 * Read from the nearest package.json named cdk8s-lineup above this file. Looked up at run time
 * (not imported) because the compiled code runs from build/lib/…, and an installed package ships
 * build/lib but not a copy of package.json inside build/.
 */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cdk8s-lineup' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch {
      // not here; keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return (cached = '0.0.0');
}
