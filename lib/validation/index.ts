/**
 * The API server's admission-time checks for the kinds we model: defaulting, then validation.
 * `validateObject` is what the engine calls for every loaded object; it returns undefined for
 * kinds (and API versions) the API server would validate in ways we do not model.
 */
import { defaultEndpointSlice, defaultEndpoints, defaultService } from '../k8s/defaults';
import { isObject, type JsonObject } from '../k8s/json';
import type { KubeVersion } from '../k8s/names';
import { validateEndpointSlice } from './endpoint-slice';
import { validateEndpoints } from './endpoints';
import type { FieldError } from './field-error';
import { validateIngress } from './ingress';
import { validateService } from './service';
import { validateNetworkPolicy } from './network-policy';

export type { FieldError, FieldErrorType } from './field-error';
export { renderErrorBody, renderFieldError, renderInvalid, renderStatusMessage, CAUSE_REASONS } from './field-error';
export { validateService } from './service';
export { validateEndpoints } from './endpoints';
export { validateEndpointSlice } from './endpoint-slice';
export { validateIngress } from './ingress';
export { validateNetworkPolicy } from './network-policy';

/** The kinds validateObject checks (for some of their API versions); it returns undefined for every other kind. */
export const VALIDATED_KINDS: ReadonlySet<string> = new Set(['Service', 'Endpoints', 'EndpointSlice', 'Ingress', 'NetworkPolicy']);

/**
 * Defaults and validates one object as a create would. `raw` is what the user wrote (not mutated).
 * `defaultedService`, for a v1 Service, is `defaultService(raw)` already made (the cluster model
 * keeps one); it is read, not modified. Never throws, whatever the input.
 */
export function validateObject(kind: string, apiVersion: string, raw: JsonObject, version: KubeVersion, defaultedService?: JsonObject): FieldError[] | undefined {
  if (!isObject(raw)) return undefined;
  try {
    if (kind === 'Service' && apiVersion === 'v1') return validateService(defaultedService ?? defaultService(raw), version);
    if (kind === 'Endpoints' && apiVersion === 'v1') return validateEndpoints(defaultEndpoints(raw), version);
    if (kind === 'EndpointSlice' && apiVersion === 'discovery.k8s.io/v1') return validateEndpointSlice(defaultEndpointSlice(raw), version);
    if (kind === 'Ingress' && apiVersion === 'networking.k8s.io/v1') return validateIngress(raw, version);
    if (kind === 'NetworkPolicy' && apiVersion === 'networking.k8s.io/v1') return validateNetworkPolicy(raw, version);
  } catch (err) {
    // A bug here must not take the whole run down; surface it as an error on the object instead.
    return [{ field: 'metadata', type: 'Invalid', value: undefined, detail: `internal error while validating: ${err instanceof Error ? err.message : String(err)}` }];
  }
  return undefined;
}
