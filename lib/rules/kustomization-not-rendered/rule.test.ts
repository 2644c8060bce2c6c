/**
 * kustomization-not-rendered: one info finding per folder holding a kustomization, at the
 * kustomization file; the kustomization itself and applications' own config files are skipped (not
 * findings) and counted. kustomize's file names are `kustomization.yaml`, `kustomization.yml`
 * (kustomize's konfig.RecognizedKustomizationFileNames) and its kinds `Kustomization`
 * (kustomize.config.k8s.io/v1beta1) and `Component` (kustomize.config.k8s.io/v1alpha1).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCluster } from '../../cluster/build';
import { defaultSettings } from '../../cluster/settings';
import { loadPaths } from '../../load/load';
import { runRules } from '../run';
import { check, expectFindings, lineOf } from '../../../test/rules/helpers';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ExternalName\n  externalName: web.example.com\n';

function checkTree(files: Record<string, string>): { findings: ReturnType<typeof runRules>; skipped: number; root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-kustomize-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  try {
    const load = loadPaths([root]);
    const findings = runRules(buildCluster(load.objects, defaultSettings()), load.findings, { input: load });
    return { findings, skipped: load.skipped.length, root: root.split(path.sep).join('/') };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('kustomization-not-rendered', () => {
  test('a folder with kustomization.yaml: one info finding at it, the kustomization skipped', () => {
    const r = checkTree({
      'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- service.yaml\n',
      'base/service.yaml': SERVICE,
      'overlays/prod/kustomization.yml': 'resources:\n- ../../base\nnamePrefix: prod-\n',
    });
    expect(r.findings.map((f) => [f.rule, f.severity, f.source?.file.slice(r.root.length), f.source?.line, f.source?.column])).toEqual([
      ['kustomization-not-rendered', 'info', '/base/kustomization.yaml', 1, 1],
      ['kustomization-not-rendered', 'info', '/overlays/prod/kustomization.yml', 1, 1],
    ]);
    expect(r.findings[0].message).toBe(
      `${r.root}/base holds a kustomization (${r.root}/base/kustomization.yaml): lineup read its files as they are, not as kustomize renders them; to check what will be applied, run \`kubectl kustomize ${r.root}/base | lineup check -\``,
    );
    expect(r.skipped).toBe(2);
  });

  test('a kustomize Component is skipped and names its folder', () => {
    const r = checkTree({ 'c/component.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches: []\n', 'c/svc.yaml': SERVICE });
    expect(r.findings.map((f) => [f.rule, f.source?.file.slice(r.root.length)])).toEqual([['kustomization-not-rendered', '/c/component.yaml']]);
    expect(r.skipped).toBe(1);
  });

  test("an application's own config file is skipped without a finding; a folder without a kustomization gets none", () => {
    const r = checkTree({ 'cassandra/cassandra.yaml': 'cluster_name: Test Cluster\nnum_tokens: 256\nseed_provider:\n- class_name: SimpleSeedProvider\n', 'cassandra/svc.yaml': SERVICE });
    expect(r.findings).toEqual([]);
    expect(r.skipped).toBe(1);
  });

  test("Flux's Kustomization is an API object of another group: loaded, not skipped", () => {
    const r = checkTree({ 'flux/app.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: app\n  namespace: flux-system\nspec:\n  path: ./deploy\n' });
    expect(r.findings).toEqual([]);
    expect(r.skipped).toBe(0);
  });

  test('in one text: the Kustomization document names the folder of its file', () => {
    const text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [svc.yaml]\n---\n' + SERVICE;
    expectFindings(check(text, 'kustomization-not-rendered'), [
      { rule: 'kustomization-not-rendered', severity: 'info', line: lineOf(text, 'apiVersion: kustomize'), message: ['. holds a kustomization (test.yaml)', 'kubectl kustomize . | lineup check -'] },
    ]);
  });
});
