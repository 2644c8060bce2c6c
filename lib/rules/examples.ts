/**
 * A rule's documented example lives beside its module as two real manifests, `broken.yaml` (triggers
 * the rule) and `fixed.yaml` (passes every rule), so they can be read, linted and applied like any
 * other YAML. The build copies them next to the compiled module (scripts/copy-rule-examples.js), so
 * the same relative path works from the sources (jest) and from build/ (the package).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RuleExample {
  broken: string;
  fixed: string;
}

/** The example of the rule in folder `id`, each manifest without its final newline (as the docs embed it). */
export function ruleExample(id: string): RuleExample {
  const read = (file: string): string => fs.readFileSync(path.join(__dirname, id, file), 'utf8').replace(/\n$/, '');
  return { broken: read('broken.yaml'), fixed: read('fixed.yaml') };
}
