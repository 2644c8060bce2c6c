import { formatGithub, escapeData, escapeProperty } from '../../lib/report/github';
import { formatJson } from '../../lib/report/json';
import { formatJunit } from '../../lib/report/junit';
import { formatSarif } from '../../lib/report/sarif';
import { summarize } from '../../lib/report/summary';
import { formatText } from '../../lib/report/text';
import { formatReport } from '../../lib/report';
import { nodeInfo, parseError, ruleFixtures, selectsNoPods, targetPortWarning } from './fixtures';

describe('summarize', () => {
  it('counts by severity', () => {
    expect(summarize([selectsNoPods, targetPortWarning, parseError, nodeInfo], 7)).toEqual({ objects: 7, errors: 2, warnings: 1, infos: 1 });
  });
});

describe('json reporter', () => {
  it('prints a finding exactly in the JSON format of docs/findings.md', () => {
    const out = formatJson([selectsNoPods], { objects: 12, errors: 1, warnings: 0, infos: 0 });
    expect(out).toBe(`{
  "summary": {
    "objects": 12,
    "errors": 1,
    "warnings": 0,
    "infos": 0
  },
  "findings": [
    {
      "rule": "service-selects-no-pods",
      "severity": "error",
      "message": "Service default/web selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?",
      "object": {
        "apiVersion": "v1",
        "kind": "Service",
        "namespace": "default",
        "name": "web"
      },
      "field": "spec.selector",
      "source": {
        "file": "dist/app.k8s.yaml",
        "line": 14,
        "column": 5
      }
    }
  ]
}
`);
  });

  it('omits absent parts, drops the namespace of cluster-scoped objects, sorts by position', () => {
    const parsed = JSON.parse(formatJson([targetPortWarning, nodeInfo, parseError, selectsNoPods], summarize([], 3)));
    expect(parsed.findings.map((f: { rule: string }) => f.rule)).toEqual(['service-selects-no-pods', 'service-target-port-not-declared', 'manifest-parse-error', 'example-note']);
    expect(Object.keys(parsed.findings[2])).toEqual(['rule', 'severity', 'message', 'source']);
    expect(parsed.findings[3].object).toEqual({ apiVersion: 'v1', kind: 'Node', name: 'node-1' });
    expect(Object.keys(parsed.findings[3].object)).not.toContain('namespace');
  });

  it('prints an empty list when there are no findings', () => {
    expect(JSON.parse(formatJson([], summarize([], 0)))).toEqual({ summary: { objects: 0, errors: 0, warnings: 0, infos: 0 }, findings: [] });
  });
});

describe('text reporter', () => {
  const all = [targetPortWarning, parseError, selectsNoPods, nodeInfo];

  it('groups by object, one line per finding, then a summary', () => {
    expect(formatText(all, summarize(all, 5))).toBe(
      [
        'Service default/web',
        `  dist/app.k8s.yaml:14:5  error  service-selects-no-pods  ${selectsNoPods.message}`,
        `  dist/app.k8s.yaml:20:7  warning  service-target-port-not-declared  ${targetPortWarning.message}`,
        '',
        'dist/broken.yaml',
        '  dist/broken.yaml:3:9  error  manifest-parse-error  bad indentation of a mapping entry',
        '',
        'Node node-1',
        '  dist/nodes.yaml:1:1  info  example-note  a note, with: punctuation',
        '',
        '5 objects checked: 2 errors, 1 warning, 1 info',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing was found', () => {
    expect(formatText([], summarize([], 1))).toBe('1 object checked: no problems found\n');
  });

  it('uses no escape codes unless colour is asked for', () => {
    expect(formatText(all, summarize(all, 5))).not.toContain('\x1b[');
    const coloured = formatText([selectsNoPods], summarize([selectsNoPods], 1), { color: true });
    expect(coloured).toContain('\x1b[31merror\x1b[0m');
    expect(coloured).toContain('\x1b[1mService default/web\x1b[0m');
  });
});

describe('sarif reporter', () => {
  const all = [selectsNoPods, targetPortWarning, nodeInfo, parseError];
  const log = JSON.parse(formatSarif(all, summarize(all, 4), { rules: ruleFixtures, version: '1.2.3', cwd: '/repo' }));
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with one run of cdk8s-lineup', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('cdk8s-lineup');
    expect(run.tool.driver.version).toBe('1.2.3');
  });

  it('describes every rule, sorted by id, including rules missing from the catalogue', () => {
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['example-note', 'manifest-parse-error', 'service-selects-no-pods', 'service-target-port-not-declared']);
    const r = run.tool.driver.rules[2];
    expect(r.shortDescription).toEqual({ text: 'Service selector matches no pod' });
    expect(r.fullDescription).toEqual({ text: 'The selector must match the labels of at least one pod in the namespace.' });
    expect(r.help.text).toContain('The selector must match');
    expect(r.help.text).toContain('lineup.dev/ignore: service-selects-no-pods');
    expect(r.defaultConfiguration).toEqual({ level: 'error' });
    expect(run.tool.driver.rules[0].defaultConfiguration).toEqual({ level: 'note' });
  });

  it('has one result per finding with level, message and a relative location', () => {
    expect(run.results).toHaveLength(4);
    const first = run.results[0];
    expect(first.ruleId).toBe('service-selects-no-pods');
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe('service-selects-no-pods');
    expect(first.level).toBe('error');
    expect(first.message).toEqual({ text: selectsNoPods.message });
    expect(first.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'dist/app.k8s.yaml' }, region: { startLine: 14, startColumn: 5 } } }]);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'error', 'note']);
    expect(typeof first.partialFingerprints['lineupFinding/v1']).toBe('string');
  });

  it('makes absolute and backslashed paths relative with forward slashes', () => {
    const abs = { ...parseError, source: { file: '/repo/dist/sub dir/a.yaml', line: 2, column: 1 } };
    const win = { ...parseError, source: { file: 'dist\\win\\b.yaml', line: 1, column: 1 } };
    const l = JSON.parse(formatSarif([abs, win], summarize([abs, win], 0), { rules: [], version: '0.0.0', cwd: '/repo' }));
    const uris = l.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['dist/sub%20dir/a.yaml', 'dist/win/b.yaml']);
  });

  it('formatReport fills in the package version', () => {
    const l = JSON.parse(formatReport('sarif', [selectsNoPods], summarize([selectsNoPods], 1), { rules: ruleFixtures }));
    expect(l.runs[0].tool.driver.version).toBe(require('../../package.json').version);
  });
});

describe('junit reporter', () => {
  it('has a testsuite per file and a testcase per object, failing on errors and warnings', () => {
    const all = [selectsNoPods, targetPortWarning, parseError, nodeInfo];
    const xml = formatJunit(all, summarize(all, 3), {
      objects: [
        { ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }, file: 'dist/app.k8s.yaml', line: 1 },
        { ref: selectsNoPods.object!, file: 'dist/app.k8s.yaml', line: 12 },
        { ref: nodeInfo.object!, file: 'dist/nodes.yaml', line: 1 },
      ],
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="cdk8s-lineup" tests="4" failures="2" errors="0">',
        '  <testsuite name="dist/app.k8s.yaml" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase name="Deployment default/web" classname="dist/app.k8s.yaml"/>',
        '    <testcase name="Service default/web" classname="dist/app.k8s.yaml">',
        `      <failure message="2 problems; first: ${selectsNoPods.message}" type="error">dist/app.k8s.yaml:14:5  error  service-selects-no-pods  ${selectsNoPods.message}`,
        `dist/app.k8s.yaml:20:7  warning  service-target-port-not-declared  ${targetPortWarning.message}</failure>`,
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="dist/broken.yaml" tests="1" failures="1" errors="0" skipped="0">',
        '    <testcase name="document at line 3" classname="dist/broken.yaml">',
        '      <failure message="bad indentation of a mapping entry" type="error">dist/broken.yaml:3:9  error  manifest-parse-error  bad indentation of a mapping entry</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="dist/nodes.yaml" tests="1" failures="0" errors="0" skipped="0">',
        '    <testcase name="Node node-1" classname="dist/nodes.yaml">',
        '      <system-out>dist/nodes.yaml:1:1  info  example-note  a note, with: punctuation</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('escapes XML special characters and drops control characters', () => {
    const nasty = { ...parseError, message: 'a <b> & "c"\u0007 d' };
    const xml = formatJunit([nasty], summarize([nasty], 0));
    expect(xml).toContain('message="a &lt;b&gt; &amp; &quot;c&quot; d"');
    expect(xml).toContain('>dist/broken.yaml:3:9  error  manifest-parse-error  a &lt;b&gt; &amp; "c" d</failure>');
  });
});

describe('github reporter', () => {
  it.each([
    ['100%', '100%25'],
    ['a\r\nb', 'a%0D%0Ab'],
    ['x: y, z', 'x: y, z'],
  ])('escapes data %j', (input, expected) => {
    expect(escapeData(input)).toBe(expected);
  });

  it.each([
    ['dist/a,b.yaml', 'dist/a%2Cb.yaml'],
    ['C:dir', 'C%3Adir'],
    ['50%\n', '50%25%0A'],
  ])('escapes properties %j', (input, expected) => {
    expect(escapeProperty(input)).toBe(expected);
  });

  it('prints one workflow command per finding', () => {
    const multi = { ...targetPortWarning, message: 'line one\nline two: 100%' };
    const all = [selectsNoPods, multi, nodeInfo];
    expect(formatGithub(all, summarize(all, 2), { cwd: '/repo' })).toBe(
      [
        `::error file=dist/app.k8s.yaml,line=14,col=5,title=service-selects-no-pods::${selectsNoPods.message}`,
        '::warning file=dist/app.k8s.yaml,line=20,col=7,title=service-target-port-not-declared::line one%0Aline two: 100%25',
        '::notice file=dist/nodes.yaml,line=1,col=1,title=example-note::a note, with: punctuation',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing without findings', () => {
    expect(formatGithub([], summarize([], 0))).toBe('');
  });
});
