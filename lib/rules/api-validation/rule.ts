/**
 * api-validation: what the API server would reject on create (Service, Endpoints, EndpointSlice,
 * Ingress, NetworkPolicy). The checks themselves live in lib/validation (upstream ValidateService & co.); this rule
 * only turns each field error into a finding with the text kubectl would print.
 */
import { renderInvalid, validateObject, VALIDATED_KINDS } from '../../validation';
import type { JsonObject } from '../../k8s/json';
import type { ManifestObject } from '../../load/types';
import type { FieldError } from '../../validation/field-error';
import type { Rule, RuleHit } from '../rule';

export const apiValidation: Rule = {
  id: 'api-validation',
  severity: 'error',
  title: 'The API server would reject the object',
  explanation:
    'The object breaks one of the API server\'s validation rules for its kind (Service, Endpoints, EndpointSlice, ' +
    'Ingress and NetworkPolicy are checked, after the same defaulting the API server applies): a port outside 1-65535, a Service port ' +
    'name that is not a DNS-1123 label, two ports without names, a named targetPort longer than 15 characters, a ' +
    'loopback address in Endpoints, an Ingress path without `pathType`, and so on. `kubectl apply` fails with ' +
    '"The <Kind> "<name>" is invalid", so the object — and any traffic that depends on it — never exists. The finding ' +
    'quotes the upstream error text and its field path; change that field as the message says.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    const version = cluster.settings.kubernetesVersion;
    // The model already holds each modelled Service defaulted (and not yet allocated): validate
    // that copy rather than default a second one.
    const defaulted = new Map<ManifestObject, JsonObject>();
    for (const s of cluster.services) if (s.obj && s.defaulted) defaulted.set(s.obj, s.defaulted);
    // The validated kinds only: most objects of a large input are ConfigMaps, RBAC and CRs.
    for (const kind of VALIDATED_KINDS) {
      for (const o of cluster.objectsOfKind(kind)) {
        // The build validated each NetworkPolicy it read when deciding which exist: reuse that.
        const errors = (kind === 'NetworkPolicy' ? cluster.networkPolicyErrors?.get(o) : undefined) ?? validateObject(kind, o.apiVersion, o.raw, version, kind === 'Service' ? defaulted.get(o) : undefined);
        if (errors && errors.length > 0) hits.push(...wordErrors(o, errors));
      }
    }
    return hits;
  },
};

/** The object's errors as hits, each distinct message once (upstream may list the same error twice). */
function wordErrors(o: ManifestObject, errors: readonly FieldError[]): RuleHit[] {
  const hits: RuleHit[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const message = renderInvalid(o.kind, o.name, [e]);
    if (seen.has(message)) continue;
    seen.add(message);
    hits.push({ object: o, field: e.field, message });
  }
  return hits;
}
