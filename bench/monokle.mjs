// Runs @monokle/validation's resource-links plugin (the only Node peer) over a directory, as a user
// of the library would: parse the files into Monokle resources, then validate.
//   node bench/monokle.mjs DIR  →  {"ms": …, "findings": [{"rule", "kind", "namespace", "name"}]}
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createDefaultMonokleValidator, processRefs, ResourceParser } from '@monokle/validation';

const dir = process.argv[2];
const start = performance.now();
const resources = [];
for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
  const filePath = path.join(dir, f);
  const text = fs.readFileSync(filePath, 'utf8');
  parseAllDocuments(text).forEach((doc, i) => {
    const content = doc.toJS();
    if (!content || !content.kind) return;
    resources.push({
      id: `${f}#${i}`,
      fileId: f,
      filePath,
      fileOffset: doc.range[0],
      name: content.metadata?.name,
      apiVersion: content.apiVersion,
      kind: content.kind,
      namespace: content.metadata?.namespace,
      content,
      text: text.slice(doc.range[0], doc.range[2]),
    });
  });
}
const validator = createDefaultMonokleValidator();
await validator.preload({ plugins: { 'resource-links': true, 'yaml-syntax': false, 'kubernetes-schema': false, 'open-policy-agent': false, 'pod-security-standards': false, practices: false, metadata: false } });
// Links are computed by processRefs (the library's documented first step); validate() only reports them.
processRefs(resources, new ResourceParser());
const response = await validator.validate({ resources });
const ms = performance.now() - start;
const byId = new Map(resources.map((r) => [r.id, r]));
const findings = [];
for (const run of response.runs) {
  for (const result of run.results) {
    const id = (result.locations ?? []).map((l) => l.physicalLocation?.artifactLocation?.uri).find((u) => byId.has(u));
    const r = id ? byId.get(id) : undefined;
    findings.push({ rule: result.ruleId, kind: r?.kind, namespace: r?.namespace ?? 'default', name: r?.name });
  }
}
process.stdout.write(JSON.stringify({ ms, count: findings.length, findings }) + '\n');
