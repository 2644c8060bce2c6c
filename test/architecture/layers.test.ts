/**
 * Data flows one way (docs/architecture.md): load → cluster → views → rules → report → query →
 * entry points. These tests read every module of lib/ and its imports (static, `require`, and
 * `import()` in types) and fail on an import that reaches back up, so a back-edge is caught when it
 * is written rather than in review.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LIB = path.join(__dirname, '..', '..', 'lib');

/** Layer of a module, by its folder (or file) directly under lib/; higher may import lower, never the reverse. */
const LAYERS: Record<string, number> = {
  // Helpers every layer may use.
  k8s: 0,
  'errors.ts': 0,
  'findings.ts': 0,
  load: 1,
  validation: 1,
  cluster: 2,
  'settings.ts': 2,
  views: 3,
  rules: 4,
  report: 5,
  // Load → cluster → rules, composed once for every entry point.
  'engine.ts': 6,
  query: 7,
  // Entry points.
  cli: 8,
  'simulate.ts': 8,
  testing: 8,
  plugin: 8,
  constructs: 8,
  'index.ts': 9,
};

function modules(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...modules(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** Relative specifiers a module imports, resolved to files under lib/ (as paths relative to lib/). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = new Set<string>();
  for (const re of [/\bfrom\s+'([^']+)'/g, /\brequire\(\s*'([^']+)'\s*\)/g, /\bimport\(\s*'([^']+)'\s*\)/g, /^import\s+'([^']+)'/gm, /\blazy<[^>]*>\(\s*'([^']+)'\s*\)/g]) {
    for (const m of text.matchAll(re)) specifiers.add(m[1]!);
  }
  const out: string[] = [];
  for (const s of specifiers) {
    if (!s.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), s);
    // A require() relative to a module of lib/cli (program.ts's lazy commands) is resolved the same way.
    out.push(path.relative(LIB, target));
  }
  return out.sort();
}

function layerOf(rel: string): { name: string; rank: number } {
  const first = rel.split(path.sep)[0]!;
  const name = first in LAYERS ? first : `${first}.ts`;
  const rank = LAYERS[name];
  if (rank === undefined) throw new Error(`lib/${rel}: no layer for "${first}" — add it to LAYERS in this test and to docs/architecture.md`);
  return { name, rank };
}

const all = modules(LIB).map((f) => ({ rel: path.relative(LIB, f), imports: importsOf(f) }));

describe('import boundaries of lib/', () => {
  it('reads a reasonable number of modules (the scan itself works)', () => {
    expect(all.length).toBeGreaterThan(100);
    const simulate = all.find((m) => m.rel === 'simulate.ts')!;
    // simulate() asks the query layer: the scan must see those imports.
    expect(simulate.imports).toEqual(expect.arrayContaining([path.join('query', 'get'), path.join('query', 'trace')]));
  });

  it('simulate(), the jest matchers and the query layer import nothing from the CLI', () => {
    const offenders = all
      .filter((m) => m.rel === 'simulate.ts' || m.rel.startsWith(`testing${path.sep}`) || m.rel.startsWith(`query${path.sep}`))
      .flatMap((m) => m.imports.filter((i) => i.split(path.sep)[0] === 'cli').map((i) => `lib/${m.rel} imports lib/${i}`));
    expect(offenders).toEqual([]);
  });

  it('no module imports from a layer to its right (load → cluster → views → rules → report → query → entry points)', () => {
    const offenders: string[] = [];
    for (const m of all) {
      const from = layerOf(m.rel);
      for (const i of m.imports) {
        const to = layerOf(i);
        if (to.rank > from.rank) offenders.push(`lib/${m.rel} (${from.name}) imports lib/${i} (${to.name})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('entry points do not import each other, except through the library index', () => {
    const entry = new Set(['cli', 'simulate.ts', 'testing', 'plugin', 'constructs']);
    // The matchers are simulate()'s in-test face; constructs and the plugin judge with the engine alone.
    const allowed = new Set(['testing→simulate.ts']);
    const offenders: string[] = [];
    for (const m of all) {
      const from = layerOf(m.rel).name;
      if (!entry.has(from)) continue;
      for (const i of m.imports) {
        const to = layerOf(i).name;
        if (entry.has(to) && to !== from && !allowed.has(`${from}→${to}`)) offenders.push(`lib/${m.rel} imports lib/${i}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
