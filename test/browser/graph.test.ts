/**
 * The HTML topology page in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * the seeds' example apps plus a broken chart. Checks the objects and links the page draws, their
 * states and colours, that the problems are spelled out, that the page asks the network for nothing,
 * and saves the screenshot the README shows (docs/graph.png).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildGraph, renderHtml, type Graph } from '../../lib/views/graph';
import type { Finding } from '../../lib/findings';
import { seedTopology } from './topology';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = path.resolve(__dirname, '..', '..', 'docs', 'graph.png');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What the page-side callbacks touch (the project compiles without the DOM library). */
interface DomElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  textContent: string | null;
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
}
/** The browser's own, called inside page callbacks. */
declare const getComputedStyle: (el: DomElement) => { stroke: string };

/** The slice of playwright-core this test uses (typed here so type-checking does not need the package). */
interface Locator {
  count(): Promise<number>;
  getAttribute(name: string): Promise<string | null>;
  textContent(): Promise<string | null>;
  isVisible(): Promise<boolean>;
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null>;
  evaluate<R>(fn: (el: DomElement) => R): Promise<R>;
  evaluateAll<R>(fn: (els: DomElement[]) => R): Promise<R>;
  first(): Locator;
  locator(selector: string): Locator;
}
interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string): Locator;
  title(): Promise<string>;
  screenshot(opts: { path: string; fullPage: boolean }): Promise<unknown>;
  on(event: 'console', fn: (msg: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', fn: (err: Error) => void): void;
}
interface Route {
  request(): { url(): string };
  continue(): Promise<void>;
  abort(): Promise<void>;
}
interface Context {
  newPage(): Promise<Page>;
  route(pattern: string, fn: (route: Route) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}
interface PlaywrightCore {
  chromium: {
    launchPersistentContext(userDataDir: string, opts: { executablePath: string; headless: boolean; args: string[]; viewport: { width: number; height: number } }): Promise<Context>;
  };
}

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  // CI installs it (`apt-get install -y chromium`); a developer machine without it skips, saying why.
  console.warn(`test/browser/graph.test.ts skipped: ${CHROMIUM} is absent (install with: apt-get update && apt-get install -y chromium)`);
}
const describeInBrowser = haveChromium ? describe : describe.skip;

describeInBrowser('lineup graph -o html in headless Chromium', () => {
  let findings: Finding[];
  let graph: Graph;
  let context: Context;
  let page: Page;
  const requested: string[] = [];
  const errors: string[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-graph-'));

  beforeAll(async () => {
    const sim = seedTopology();
    findings = sim.findings;
    graph = buildGraph(sim.cluster, findings);
    const file = path.join(tmp, 'topology.html');
    fs.writeFileSync(file, renderHtml(graph, 'seeds topology'));
    let chromium: PlaywrightCore['chromium'];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      chromium = (require('playwright-core') as PlaywrightCore).chromium;
    } catch {
      throw new Error('playwright-core is not installed: it is a devDependency of this repository (npm install --save-dev --save-exact playwright-core@1.57.0)');
    }
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1100, height: 900 } });
    // Self-contained means no request but the page itself: everything else is recorded and refused.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requested.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`file://${file}`);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const edge = (from: string, to?: string): Locator => page.locator(`svg g.edge[data-from="${from}"]${to ? `[data-to="${to}"]` : ''}`);
  const obj = (id: string): Locator => page.locator(`svg g.obj[data-id="${id}"]`);
  const stroke = (l: Locator): Promise<string> => l.first().evaluate((g) => getComputedStyle(g.querySelector('path')!).stroke);

  test('the broken chart has exactly the two findings the picture must show', () => {
    expect(findings.map((f) => `${f.rule} ${f.object?.kind}/${f.object?.namespace}/${f.object?.name}`)).toEqual([
      'ingress-backend-missing-service Ingress/shop/shop',
      'service-selects-no-pods Service/shop/shop',
    ]);
  });

  test('loads without errors or network requests', async () => {
    expect(await page.title()).toBe('seeds topology');
    expect(errors).toEqual([]);
    expect(requested).toEqual([]);
    expect(await page.locator('svg').first().isVisible()).toBe(true);
  });

  test('draws every object of the graph, Ingresses, Services and pods in their node boxes', async () => {
    expect(await page.locator('svg g.obj').count()).toBe(graph.nodes.length);
    for (const kind of ['Ingress', 'Service', 'Pod', 'Missing', 'External'] as const) {
      expect([kind, await page.locator(`svg g.obj[data-kind="${kind}"]`).count()]).toEqual([kind, graph.nodes.filter((n) => n.kind === kind).length]);
    }
    expect(await page.locator('svg g.k8s-node').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node')))).toEqual(['node-1', 'node-2', 'node-3']);
    // httpd (seed 003): four pods behind httpd-svc, 8080 → 80, spread over the nodes.
    const httpd = edge('svc:default/httpd-svc');
    expect(await httpd.count()).toBe(4);
    expect(await httpd.evaluateAll((gs) => gs.map((g) => `${g.getAttribute('data-state')} ${g.querySelector('text')!.textContent}`))).toEqual(Array(4).fill('ok 8080→80'));
    // Every drawn box lies inside the picture.
    const svgBox = (await page.locator('svg').first().boundingBox())!;
    const boxes = await page.locator('svg g.obj rect').evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect()).map((b) => [b.left, b.top, b.right, b.bottom]));
    for (const [l, t, r, b] of boxes) {
      expect(l).toBeGreaterThanOrEqual(svgBox.x);
      expect(t).toBeGreaterThanOrEqual(svgBox.y);
      expect(r).toBeLessThanOrEqual(svgBox.x + svgBox.width + 0.5);
      expect(b).toBeLessThanOrEqual(svgBox.y + svgBox.height + 0.5);
    }
  });

  test('the named targetPort of the Ingress example resolves per pod', async () => {
    const foo = edge('svc:default/foo');
    expect(await foo.count()).toBe(2);
    expect(await foo.evaluateAll((gs) => gs.map((g) => `${g.getAttribute('data-state')} ${g.querySelector('text')!.textContent}`))).toEqual(['ok 80→http(8080)', 'ok 80→http(8080)']);
  });

  test('the selector typo: the Service and its link are broken, in red, labelled with the rule', async () => {
    expect(await obj('svc:shop/shop').getAttribute('data-state')).toBe('broken');
    const link = edge('svc:shop/shop', 'missing:pods:shop/shop');
    expect(await link.getAttribute('data-state')).toBe('broken');
    expect(await stroke(link)).toBe('rgb(204, 0, 0)');
    expect(await link.locator('text.problem-label').textContent()).toBe('✗ service-selects-no-pods');
    expect(await obj('missing:pods:shop/shop').textContent()).toContain('no pods match');
  });

  test('the Ingress to a missing Service: broken link in red to a "no such Service" box', async () => {
    const link = edge('ing:shop/shop', 'missing:shop/shop-frontend');
    expect(await link.getAttribute('data-state')).toBe('broken');
    expect(await stroke(link)).toBe('rgb(204, 0, 0)');
    expect(await obj('missing:shop/shop-frontend').textContent()).toContain('(no such Service)');
    // Its other path reaches an existing Service and port: drawn, but not broken.
    expect(await edge('ing:shop/shop', 'svc:shop/shop').getAttribute('data-state')).toBe('ok');
  });

  test('links that line up are grey, and only the two broken links are broken', async () => {
    expect(await stroke(edge('svc:default/httpd-svc'))).toBe('rgb(85, 85, 85)');
    const broken = await page.locator('svg g.edge[data-state="broken"]').evaluateAll((gs) => gs.map((g) => `${g.getAttribute('data-from')} → ${g.getAttribute('data-to')}`));
    expect(broken).toEqual(['ing:shop/shop → missing:shop/shop-frontend', 'svc:shop/shop → missing:pods:shop/shop']);
  });

  test('the problem text is shown under the picture, word for word', async () => {
    const items = await page.locator('ul.problems li').evaluateAll((lis) => lis.map((li) => li.textContent));
    const byRule = (rule: string): string => findings.find((f) => f.rule === rule)!.message;
    expect(items).toEqual([
      `shop/shop → shop/shop-frontend: ingress-backend-missing-service: ${byRule('ingress-backend-missing-service')}`,
      `shop/shop → no pods match: service-selects-no-pods: ${byRule('service-selects-no-pods')}`,
    ]);
    expect(await page.locator('ul.problems li').first().isVisible()).toBe(true);
    expect(await page.locator('p.summary').textContent()).toBe(`1 Gateway, 3 routes, 3 Ingresses, 24 Services, ${graph.nodes.filter((n) => n.kind === 'Pod').length} pods; 2 broken links`);
  });

  test('saves the screenshot for the README (docs/graph.png)', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = fs.readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height of the whole page.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
    expect(png.readUInt32BE(20)).toBeGreaterThan(900);
  });
});
