/**
 * Findings about objects of a cdk8s app carry the construct path and the TypeScript line that
 * declared the object (`origin`); every format shows them, and the CI formats point at the line.
 */
import { formatGithub } from '../../lib/report/github';
import { formatJson } from '../../lib/report/json';
import { formatJunit } from '../../lib/report/junit';
import { formatSarif } from '../../lib/report/sarif';
import { summarize } from '../../lib/report/summary';
import { formatText } from '../../lib/report/text';
import { locationOf } from '../../lib/plugin/validation-plugin';
import { ruleFixtures, selectsNoPods, selectsNoPodsFromApp } from './fixtures';

const findings = [selectsNoPodsFromApp];
const summary = summarize(findings, 2);

test('json: constructPath and origin after source', () => {
  const f = JSON.parse(formatJson(findings, summary)).findings[0];
  expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'object', 'field', 'source', 'constructPath', 'origin']);
  expect(f.constructPath).toBe('shop/web/Resource');
  expect(f.origin).toEqual({ file: 'main.ts', line: 12, column: 5 });
  // Manifests that no app declared keep the shape they had.
  expect(Object.keys(JSON.parse(formatJson([selectsNoPods], summary)).findings[0])).not.toContain('origin');
});

test('sarif: the TypeScript line is the primary location, the manifest a related one', () => {
  const result = JSON.parse(formatSarif(findings, summary, { rules: ruleFixtures, version: '1.0.0', cwd: '/repo' })).runs[0].results[0];
  expect(result.locations).toEqual([
    {
      physicalLocation: { artifactLocation: { uri: 'main.ts' }, region: { startLine: 12, startColumn: 5 } },
      logicalLocations: [{ fullyQualifiedName: 'shop/web/Resource', kind: 'object' }],
    },
  ]);
  expect(result.relatedLocations).toEqual([
    { id: 1, physicalLocation: { artifactLocation: { uri: 'dist/app.k8s.yaml' }, region: { startLine: 14, startColumn: 5 } }, message: { text: 'synthesized manifest' } },
  ]);
  // The fingerprint follows the object, not the line: moving the declaration keeps the alert.
  const plain = JSON.parse(formatSarif([selectsNoPods], summary, { rules: ruleFixtures, version: '1.0.0', cwd: '/repo' })).runs[0].results[0];
  expect(result.partialFingerprints).toEqual(plain.partialFingerprints);
  expect(plain.relatedLocations).toBeUndefined();
});

test('github: the annotation sits on the TypeScript line and names construct and manifest', () => {
  expect(formatGithub(findings, summary, { cwd: '/repo' })).toBe(
    `::error file=main.ts,line=12,col=5,title=service-selects-no-pods::${selectsNoPods.message} (construct shop/web/Resource, manifest dist/app.k8s.yaml:14:5)\n`,
  );
});

test('junit: the testcase carries the file and line; the failure text says where it was declared', () => {
  const xml = formatJunit(findings, summary);
  expect(xml).toContain('<testcase name="Service default/web" classname="dist/app.k8s.yaml" file="main.ts" line="12">');
  expect(xml).toContain('dist/app.k8s.yaml:14:5  error  service-selects-no-pods  Service default/web selects app=wbe');
  expect(xml).toContain('\n    declared by shop/web/Resource at main.ts:12:5</failure>');
});

test('text: a second line under the finding says which construct and line declared it', () => {
  expect(formatText(findings, summary)).toBe(
    [
      'Service default/web',
      `  dist/app.k8s.yaml:14:5  error  service-selects-no-pods  ${selectsNoPods.message}`,
      '      declared by shop/web/Resource at main.ts:12:5',
      '',
      '2 objects checked: 1 error, 0 warnings, 0 infos',
      '',
    ].join('\n'),
  );
});

test('cdk8s plugin: the location of a violation names the declaring line after the manifest position', () => {
  expect(locationOf(selectsNoPodsFromApp)).toBe('Service default/web spec.selector (dist/app.k8s.yaml:14:5), declared at main.ts:12:5');
  expect(locationOf(selectsNoPods)).toBe('Service default/web spec.selector (dist/app.k8s.yaml:14:5)');
});
