/**
 * yaml-implicit-type: an unquoted value that kubectl reads by YAML 1.1 rules as another type or
 * number than lineup (and every YAML 1.2 reader) does. The loader records each such plain scalar
 * (lib/load/yaml11.ts); this rule judges it by the type of the field it sits in: refused by the API
 * server (a boolean or number where a string belongs) is an error, a silently different value (an
 * octal file mode) a warning. Fields whose type lineup does not know are left alone.
 */
import type { PathStep } from '../../k8s/field-path';
import type { Yaml11Value } from '../../load/yaml11';
import type { Rule, RuleHit } from '../rule';
import { fieldType, type FieldType } from './field-types';

/** `data[app.properties]`, `spec.ports[0].name`: keys with dots or brackets in brackets, so the path reads back the same. */
function formatField(path: readonly PathStep[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number' || /[.[\]]/.test(step)) out += `[${step}]`;
    else out += out === '' ? step : `.${step}`;
  }
  return out;
}

function describeValue(v: Yaml11Value): string {
  return typeof v === 'boolean' ? `the boolean ${v}` : typeof v === 'number' ? `the number ${v}` : v === null ? 'null' : `the string "${v}"`;
}

/** The Go type name in the decoding error kubectl prints. */
function goType(v: Yaml11Value): string {
  return typeof v === 'boolean' ? 'bool' : 'number';
}

function judge(type: FieldType, text: string, kubectl: Yaml11Value, lineup: unknown, path: readonly PathStep[]): Pick<RuleHit, 'severity' | 'message'> | undefined {
  const field = formatField(path);
  const quoted = JSON.stringify(text);
  const last = path[path.length - 1];
  const written = typeof last === 'number' ? `- ${quoted}` : `${last}: ${quoted}`;
  const reads = `kubectl reads the unquoted ${text} at ${field} as ${describeValue(kubectl)} (YAML 1.1, as sigs.k8s.io/yaml decodes manifests), where YAML 1.2 readers such as lineup read ${typeof lineup === 'string' ? `the string ${quoted}` : describeValue(lineup as Yaml11Value)}`;
  const refusedAsString = typeof lineup === 'string' && (typeof kubectl === 'boolean' || typeof kubectl === 'number');
  if (type === 'string' && refusedAsString) {
    return { severity: 'error', message: `${reads}; the API server refuses it in this string field (cannot unmarshal ${goType(kubectl)} into … of type string), so kubectl apply fails: quote it, ${written}` };
  }
  if (type === 'int-or-string' && typeof lineup === 'string' && typeof kubectl === 'boolean') {
    return { severity: 'error', message: `${reads}; the API server refuses a boolean in this field, which takes a number or a name, so kubectl apply fails: quote it, ${written}` };
  }
  if ((type === 'integer' || type === 'int-or-string') && typeof kubectl === 'number') {
    const intent = /^[-+]?0[0-7_]+$/.test(text) ? ` write ${text.replace(/^([-+]?)0/, '$10o')} (octal) or ${kubectl} so that every reader agrees` : ` write ${kubectl} so that every reader agrees`;
    return { severity: 'warning', message: `${reads}; the cluster gets ${kubectl}:${intent}` };
  }
  return undefined;
}

export const yamlImplicitType: Rule = {
  id: 'yaml-implicit-type',
  severity: 'error',
  title: 'An unquoted value that kubectl reads as another type (YAML 1.1)',
  explanation:
    'kubectl reads manifests as YAML 1.1 (sigs.k8s.io/yaml decodes them with go-yaml v2), where an unquoted `yes`, `no`, ' +
    '`on`, `off`, `y` or `n` is a boolean, a number with a leading zero such as `0644` is octal, and `_` may sit ' +
    'anywhere in a number; YAML 1.2 readers (lineup, most editors and libraries) read a string or a decimal. Where the ' +
    'field holds a string — labels, annotations, ConfigMap data, env values, port names — the API server refuses the ' +
    'boolean or number (`cannot unmarshal bool into Go struct field … of type string`) and `kubectl apply` fails: an ' +
    'error. Where the field holds a number, the cluster silently gets another value than the text seems to say ' +
    '(`defaultMode: 0644` is 420, as intended for a file mode, but 644 to a YAML 1.2 reader): a warning. Quote strings; ' +
    'write octal numbers as `0o644`, or in decimal, so that every reader agrees.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const o of cluster.objects) {
      if (o.yaml11 === undefined) continue; // most objects: the loader met no such scalar
      for (const r of o.yaml11) {
        const type = fieldType(o.kind, r.path);
        if (type === undefined) continue;
        const verdict = judge(type, r.text, r.kubectl, r.lineup, r.path);
        if (verdict) hits.push({ object: o, field: formatField(r.path), ...verdict });
      }
    }
    return hits;
  },
};
