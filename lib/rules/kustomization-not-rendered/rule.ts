/**
 * kustomization-not-rendered: a folder with a kustomization was read file by file, as written.
 * kustomize may change every object before it is applied (name prefixes, labels, patches, generated
 * ConfigMaps), so what lineup checked may not be what the cluster gets. The loader records the
 * folders (and skips the kustomization file itself, which is not an object); this rule says so
 * once per folder and how to check the rendered output instead.
 */
import type { Rule } from '../rule';

export const kustomizationNotRendered: Rule = {
  id: 'kustomization-not-rendered',
  severity: 'info',
  title: 'A kustomize folder was read as plain files',
  explanation:
    'The folder holds a `kustomization.yaml`, so its manifests are meant to be rendered by kustomize (`kubectl apply -k`), ' +
    'which may rename objects (`namePrefix`, `nameSuffix`), add labels and selectors (`labels`, `commonLabels`), patch ' +
    'fields, set images and generate ConfigMaps and Secrets. lineup reads the files as they are, so selectors, names and ' +
    'ports it checked may differ from what will be applied. The kustomization file itself is skipped (it is not a ' +
    'Kubernetes object). To check what will be applied, render first: `kubectl kustomize DIR | lineup check -`.',
  check({ input }) {
    return input.kustomizations.map((k) => ({
      at: { file: k.file, line: k.line, column: k.column },
      message: `${k.dir} holds a kustomization (${k.file}): lineup read its files as they are, not as kustomize renders them; to check what will be applied, run \`kubectl kustomize ${k.dir} | lineup check -\``,
    }));
  },
};
