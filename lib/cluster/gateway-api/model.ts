/**
 * Gateway API objects in the model's shape (gateway.networking.k8s.io GatewayClass, Gateway,
 * HTTPRoute, GRPCRoute, ReferenceGrant; v1 and v1beta1 read alike), with the defaults the CRDs'
 * structural schemas apply already filled in, and what a conformant controller decides about them:
 * which listeners accept which routes, the status it writes, and where each backendRef leads.
 * Built once by buildGatewayApi (build.ts in this folder); views and rules only read it.
 */
import type { JsonObject } from '../../k8s/json';
import type { ManifestObject } from '../../load/types';
import type { SimService, SimServicePort } from '../model';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

export type RouteKind = 'HTTPRoute' | 'GRPCRoute';

export interface SimGatewayClass {
  name: string;
  controllerName?: string;
  description?: string;
  obj: ManifestObject;
}

/** A label selector (`matchLabels` and `matchExpressions`). */
export interface SimLabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface SimListener {
  index: number;
  name: string;
  /** Lower-case; undefined when the listener has none (it serves every host). */
  hostname?: string;
  port: number;
  /** As written (`HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`, or a domain-prefixed custom protocol). */
  protocol: string;
  /** `tls.mode`, defaulted to `Terminate` when `tls` is given. */
  tlsMode?: string;
  certificateRefs: { group: string; kind: string; namespace?: string; name: string }[];
  /** `allowedRoutes.namespaces.from`, defaulted to `Same`. */
  allowedFrom: string;
  allowedSelector?: SimLabelSelector;
  /** `allowedRoutes.kinds` (group defaulted); undefined when not given (the protocol decides). */
  allowedKinds?: { group: string; kind: string }[];
  /** `spec.listeners[i]`. */
  field: string;
}

export interface SimGateway {
  namespace: string;
  name: string;
  obj: ManifestObject;
  className: string;
  listeners: SimListener[];
  /** `status.addresses[].value` as observed in the input (an offline simulation invents none). */
  addresses: string[];
}

export interface SimParentRef {
  index: number;
  group: string;
  kind: string;
  /** Defaulted to the route's namespace. */
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
  /** `spec.parentRefs[i]`. */
  field: string;
}

export interface SimStringMatch {
  /** `Exact` (default) or `RegularExpression` (or an unknown value, which matches nothing). */
  type: string;
  name: string;
  value: string;
}

export interface SimPathMatch {
  /** `Exact`, `PathPrefix` (default) or `RegularExpression` (or an unknown value, which matches nothing). */
  type: string;
  value: string;
}

export interface SimHttpMatch {
  index: number;
  path: SimPathMatch;
  headers: SimStringMatch[];
  queryParams: SimStringMatch[];
  method?: string;
  /** `spec.rules[i].matches[j]`; for the match implied by a rule without matches, the rule's field. */
  field: string;
  /** False for the `PathPrefix /` match a rule without `matches` stands for. */
  written: boolean;
}

export interface SimGrpcMatch {
  index: number;
  /** `method` match: `type` Exact (default) or RegularExpression, `service` and/or `method`. */
  method?: { type: string; service?: string; method?: string };
  headers: SimStringMatch[];
  field: string;
  written: boolean;
}

/** A filter as written; `type` and the raw object (views describe it, the redirect is computed from it). */
export interface SimFilter {
  type: string;
  raw: JsonObject;
  field: string;
}

export interface SimBackendRef {
  index: number;
  group: string;
  kind: string;
  /** Defaulted to the route's namespace. */
  namespace: string;
  name: string;
  port?: number;
  /** Default 1. */
  weight: number;
  filters: SimFilter[];
  /** `spec.rules[i].backendRefs[j]`, or a mirror filter's `….requestMirror.backendRef`. */
  field: string;
}

export interface SimRouteRule {
  index: number;
  name?: string;
  httpMatches: SimHttpMatch[];
  grpcMatches: SimGrpcMatch[];
  filters: SimFilter[];
  backendRefs: SimBackendRef[];
  field: string;
}

export interface SimRoute {
  kind: RouteKind;
  namespace: string;
  name: string;
  obj: ManifestObject;
  /** `metadata.creationTimestamp` in milliseconds; undefined when not given (created when applied: newest). */
  created?: number;
  /** Lower-case, as written. */
  hostnames: string[];
  parentRefs: SimParentRef[];
  rules: SimRouteRule[];
}

export interface SimReferenceGrant {
  namespace: string;
  name: string;
  obj: ManifestObject;
  from: { group: string; kind: string; namespace: string }[];
  to: { group: string; kind: string; name?: string }[];
}

export interface SimCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
}

/** Why a backendRef cannot be used; undefined when it resolves to a Service port. */
export type BackendProblem =
  | { reason: 'InvalidKind' }
  | { reason: 'BackendNotFound' }
  | { reason: 'RefNotPermitted' }
  /** A Service reference without `port` (the CRD rejects it) or with a port the Service does not have. */
  | { reason: 'PortNotFound' };

export interface SimBackendResolution {
  ref: SimBackendRef;
  service?: SimService;
  port?: SimServicePort;
  problem?: BackendProblem;
}

/** A listener that accepted a route, and the hostnames the route is served for there. */
export interface SimAttachment {
  gateway: SimGateway;
  listener: SimListener;
  /** The intersection of the listener's and the route's hostnames; empty = every host. */
  hostnames: string[];
}

/** What the controller writes for one parentRef (`status.parents[]`). */
export interface SimRouteParentStatus {
  ref: SimParentRef;
  gateway: SimGateway;
  accepted: SimCondition;
  resolvedRefs: SimCondition;
  attachments: SimAttachment[];
}

export interface SimListenerStatus {
  listener: SimListener;
  supportedKinds: { group: string; kind: string }[];
  attachedRoutes: number;
  conditions: SimCondition[];
  /** Conflicted listeners are not served. */
  conflict?: 'ProtocolConflict' | 'HostnameConflict';
}

export interface SimGatewayStatus {
  gateway: SimGateway;
  /** False when no controller reconciles it (its GatewayClass is not among the input's classes). */
  reconciled: boolean;
  conditions: SimCondition[];
  listeners: SimListenerStatus[];
}

export interface GatewayApi {
  /** Sorted by name. */
  classes: SimGatewayClass[];
  /** Sorted by namespace, name. */
  gateways: SimGateway[];
  /** HTTPRoutes and GRPCRoutes, sorted by kind, namespace, name. */
  routes: SimRoute[];
  referenceGrants: SimReferenceGrant[];
  gateway(namespace: string, name: string): SimGateway | undefined;
  gatewayStatus(gateway: SimGateway): SimGatewayStatus;
  /** One entry per parentRef that names a Gateway the controller reconciles (others get none). */
  routeParents(route: SimRoute): SimRouteParentStatus[];
  /** Every backendRef of the route (rules, then their mirror filters), resolved. */
  routeBackends(route: SimRoute): SimBackendResolution[];
  resolveBackend(route: SimRoute, ref: SimBackendRef): SimBackendResolution;
  /** Routes accepted on a listener, oldest first (then namespace/name). */
  attachedTo(gateway: SimGateway, listener: SimListener): { route: SimRoute; attachment: SimAttachment }[];
}
