/**
 * The README's TypeScript runs: every ```ts block is compiled with this repository's compiler
 * settings against the built package (imported by its name, `cdk8s-lineup`, as a user does), then
 * run — a program with `node` in an empty directory (its `app.synth()` writes there), a jest test
 * file with jest and the matchers registered as the README's jest.config.js shows. A block that
 * does not compile or fails when run fails here, with the README line it starts on.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** Inside the repository, so that the blocks resolve cdk8s, cdk8s-plus-27 and jest from its node_modules. */
const WORK = path.join(ROOT, 'build', 'readme-blocks');

export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
}

/** The ```ts / ```typescript blocks of a Markdown text. */
export function typescriptBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript)\s*$/.test(lines[i]!)) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    blocks.push({ line: start + 1, code: body.join('\n') + '\n' });
  }
  return blocks;
}

const blocks = typescriptBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
const isJestTest = (b: CodeBlock): boolean => /^\s*(test|it|describe)\(/m.test(b.code);
const fileOf = (b: CodeBlock): string => `readme-line-${b.line}${isJestTest(b) ? '.test' : ''}`;

test('the extractor finds fenced TypeScript blocks and their lines', () => {
  expect(typescriptBlocks('a\n```ts\nconst x = 1;\n```\n```js\nno\n```\n```typescript\ny();\n```\n')).toEqual([
    { line: 2, code: 'const x = 1;\n' },
    { line: 8, code: 'y();\n' },
  ]);
});

describe('README.md TypeScript blocks', () => {
  beforeAll(() => {
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.mkdirSync(path.join(WORK, 'node_modules'), { recursive: true });
    // The package by its own name, as installed: its exports map leads to build/lib.
    fs.symlinkSync(ROOT, path.join(WORK, 'node_modules', 'cdk8s-lineup'), 'dir');
    for (const b of blocks) fs.writeFileSync(path.join(WORK, `${fileOf(b)}.ts`), b.code);
    // The project's own compiler settings, emitting next to the blocks.
    fs.writeFileSync(
      path.join(WORK, 'tsconfig.json'),
      JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { rootDir: '.', outDir: 'out', incremental: false, declaration: false }, include: ['*.ts'], exclude: [] }),
    );
  });

  test('README.md has TypeScript blocks', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  test('every block compiles with the project\'s tsc settings', () => {
    let output = '';
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', WORK], { cwd: WORK, encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    // readme-line-54.ts(3,1): error … → README.md:56
    const located = output.replace(/readme-line-(\d+)(?:\.test)?\.ts\((\d+),(\d+)\)/g, (_m, start: string, line: string, col: string) => `README.md:${Number(start) + Number(line)}:${col}`);
    expect(located).toBe('');
  });

  for (const b of blocks) {
    test(`the block at README.md:${b.line} runs`, () => {
      const js = path.join(WORK, 'out', `${fileOf(b)}.js`);
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-readme-'));
      try {
        if (isJestTest(b)) {
          const config = {
            rootDir: path.dirname(js),
            testMatch: [`**/${path.basename(js)}`],
            testEnvironment: 'node',
            setupFilesAfterEnv: ['cdk8s-lineup/testing'],
            snapshotSerializers: ['cdk8s-lineup/testing/serializer'],
            cacheDirectory: path.join(cwd, 'jest-cache'),
          };
          // --ci=false: the block's first snapshot is written, not refused as it would be on CI.
          execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--ci=false', '--runInBand'], { cwd: WORK, stdio: 'pipe', encoding: 'utf8' });
        } else {
          const env = { ...process.env };
          delete env.CDK8S_OUTDIR;
          execFileSync(process.execPath, [js], { cwd, stdio: 'pipe', encoding: 'utf8', env });
        }
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(`README.md:${b.line}: the block failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
      } finally {
        fs.rmSync(cwd, { recursive: true, force: true });
      }
    });
  }
});
