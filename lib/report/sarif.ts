/**
 * `check -o sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts (upload-sarif):
 * one run, the tool's rules with descriptions and default levels, and one result per finding
 * with a relative, forward-slash artifact URI and a 1-based region.
 */
import { createHash } from 'crypto';
import { compareFindings, type Finding, type Severity } from '../findings';
import { relativePath } from './location';
import type { RuleInfo } from './rule-info';
import type { ReportSummary } from './summary';

export interface SarifOptions {
  /** Rule descriptors (normally the registry). Rules that findings use but this list lacks get a generic descriptor. */
  rules: readonly RuleInfo[];
  /** Tool version (package.json). */
  version: string;
  /** Directory that artifact URIs are relative to (default: the process's working directory). */
  cwd?: string;
  /** The tool's home page (package.json `homepage`); left out when there is none. */
  informationUri?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(findings: readonly Finding[], _summary: ReportSummary, opts: SarifOptions): string {
  const cwd = opts.cwd ?? process.cwd();
  const sorted = [...findings].sort(compareFindings);
  const byId = new Map<string, RuleInfo>();
  for (const r of opts.rules) if (!byId.has(r.id)) byId.set(r.id, r);
  for (const f of sorted) {
    if (!byId.has(f.rule)) byId.set(f.rule, { id: f.rule, severity: f.severity, title: f.rule, explanation: `Findings of rule ${f.rule}.` });
  }
  const rules = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(rules.map((r, i) => [r.id, i]));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdk8s-lineup',
            version: opts.version,
            semanticVersion: opts.version,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules: rules.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sorted.map((f) => result(f, index.get(f.rule)!, cwd)),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(r: RuleInfo): Record<string, unknown> {
  const silence = `To silence it on one object, add the annotation \`lineup.dev/ignore: ${r.id}\`.`;
  return {
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.explanation },
    help: { text: `${r.explanation} ${silence}`, markdown: `**${r.title}**\n\n${r.explanation}\n\n${silence}` },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['kubernetes', 'networking'], precision: 'very-high', 'problem.severity': r.severity === 'info' ? 'recommendation' : r.severity },
  };
}

function result(f: Finding, ruleIndex: number, cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ruleId: f.rule, ruleIndex, level: LEVEL[f.severity], message: { text: f.message } };
  const file = f.source?.file ?? f.constructPath;
  let manifest: Record<string, unknown> | undefined;
  if (file !== undefined && file !== '') {
    const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: toUri(relativePath(file, cwd)) } };
    if (f.source) physicalLocation.region = { startLine: Math.max(1, f.source.line), startColumn: Math.max(1, f.source.column) };
    manifest = { physicalLocation };
  }
  const logical = f.constructPath !== undefined ? [{ fullyQualifiedName: f.constructPath, kind: 'object' }] : undefined;
  if (f.origin) {
    // The line of the app that declared the object is where a reviewer can fix it (the synthesized
    // manifests are build output, often not even committed); the manifest stays as a related location.
    const primary: Record<string, unknown> = {
      physicalLocation: {
        artifactLocation: { uri: toUri(relativePath(f.origin.file, cwd)) },
        region: { startLine: Math.max(1, f.origin.line), startColumn: Math.max(1, f.origin.column) },
      },
    };
    if (logical) primary.logicalLocations = logical;
    out.locations = [primary];
    if (manifest && f.source && f.source.file !== f.constructPath) out.relatedLocations = [{ id: 1, ...manifest, message: { text: 'synthesized manifest' } }];
  } else if (manifest) {
    if (logical) manifest.logicalLocations = logical;
    out.locations = [manifest];
  }
  // Stable across runs and line moves, so code scanning tracks an alert while the YAML around it changes.
  const identity = [f.rule, f.object?.kind ?? '', f.object?.namespace ?? '', f.object?.name ?? '', f.field ?? '', f.object ? '' : f.message].join('\u0000');
  out.partialFingerprints = { 'lineupFinding/v1': createHash('sha256').update(identity).digest('hex').slice(0, 32) };
  return out;
}

/** Percent-encodes each path segment (spaces, `#`, `%`…) while keeping the `/` separators. */
function toUri(p: string): string {
  return p.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

function pascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}
