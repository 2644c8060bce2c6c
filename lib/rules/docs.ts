/**
 * docs/rules.md, generated from the rule folders so the documentation cannot drift from the code.
 * test/rules/docs.test.ts compares the file with this output; regenerate it with
 * `UPDATE_RULES_DOC=1 npx jest test/rules/docs`.
 */
import { ruleExample } from './examples';
import { IGNORE_ANNOTATION } from './ignore';
import { rules } from './registry';

export function renderRulesMarkdown(): string {
  const out: string[] = [];
  out.push('# Rules');
  out.push('');
  out.push('<!-- Generated from lib/rules/<id>/ (rule.ts, broken.yaml, fixed.yaml) by renderRulesMarkdown() in lib/rules/docs.ts; do not edit by hand. -->');
  out.push('');
  out.push(
    '`lineup check` runs every rule below over the simulated cluster. Severity `error` means the API server would ' +
      'reject the object or traffic cannot flow; `warning` a likely mistake; `info` a note. Rule IDs are stable.',
  );
  out.push('');
  out.push(
    `An object silences rules on itself with the annotation \`${IGNORE_ANNOTATION}\`: a comma-separated list of rule IDs ` +
      `(spaces are ignored), or \`all\` to silence every rule on that object. Findings of the loader ` +
      '(`manifest-parse-error`, `manifest-invalid-object`) belong to no object and cannot be silenced this way.',
  );
  out.push('');
  out.push('```yaml');
  out.push('metadata:');
  out.push('  annotations:');
  out.push(`    ${IGNORE_ANNOTATION}: service-selects-multiple-workloads, ingress-tls-secret-missing`);
  out.push('```');
  out.push('');
  out.push('| rule | severity | what it finds |');
  out.push('|---|---|---|');
  for (const r of rules) out.push(`| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${r.title} |`);
  for (const r of rules) {
    const example = ruleExample(r.id);
    out.push('');
    out.push(`## ${r.id}`);
    out.push('');
    out.push(`Severity: **${r.severity}**. ${r.title}.`);
    out.push('');
    out.push(r.explanation);
    out.push('');
    out.push('Broken:');
    out.push('');
    out.push('```yaml');
    out.push(example.broken);
    out.push('```');
    out.push('');
    out.push('Fixed:');
    out.push('');
    out.push('```yaml');
    out.push(example.fixed);
    out.push('```');
  }
  out.push('');
  return out.join('\n');
}
