/**
 * buildGatewayApi: the Gateway API objects of the input, and what a conformant controller decides
 * about them, computed once — listener conflicts, which listeners accept which routes (parentRefs,
 * `allowedRoutes`, hostname intersection), where every backendRef leads, and the status conditions
 * it writes. Every decision is made here, so that `get`, `trace` and the rules agree.
 *
 * A Gateway is reconciled when its GatewayClass is among the input's classes, or when the input
 * has no GatewayClass at all (the class is then assumed to be installed by the platform, as
 * Ingresses are served when the input has no IngressClass); a Gateway nobody reconciles keeps the
 * API server's initial status and its routes get none.
 */
import { byString } from '../../k8s/json';
import type { ManifestObject } from '../../load/types';
import type { SimService } from '../model';
import { routeHostnamesOn } from './hostnames';
import {
  GATEWAY_GROUP,
  type GatewayApi,
  type SimAttachment,
  type SimBackendRef,
  type SimBackendResolution,
  type SimCondition,
  type SimGateway,
  type SimGatewayClass,
  type SimGatewayStatus,
  type SimListener,
  type SimListenerStatus,
  type SimReferenceGrant,
  type SimRoute,
  type SimRouteParentStatus,
} from './model';
import { isGatewayApiKind, mirrorBackendRef, readGateway, readGatewayClass, readReferenceGrant, readRoute, selectorMatches } from './read';

export interface GatewayApiInputs {
  objects: readonly ManifestObject[];
  /** Labels of each existing namespace (with `kubernetes.io/metadata.name`). */
  namespaceLabels: (namespace: string) => Record<string, string>;
  service: (namespace: string, name: string) => SimService | undefined;
}

function condition(type: string, status: SimCondition['status'], reason: string, message: string): SimCondition {
  return { type, status, reason, message };
}

function compareNsName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return byString(a.namespace, b.namespace) || byString(a.name, b.name);
}

/** Oldest first (a route without creationTimestamp is created when applied: the newest), then namespace/name. */
export function compareRouteAge(a: SimRoute, b: SimRoute): number {
  const ta = a.created ?? Number.POSITIVE_INFINITY;
  const tb = b.created ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareNsName(a, b);
}

/** Route kinds a listener of that protocol carries. */
function kindsForProtocol(protocol: string): string[] {
  switch (protocol) {
    case 'HTTP':
    case 'HTTPS':
      return ['HTTPRoute', 'GRPCRoute'];
    case 'TLS':
      return ['TLSRoute'];
    case 'TCP':
      return ['TCPRoute'];
    case 'UDP':
      return ['UDPRoute'];
    default:
      return [];
  }
}

/** Listeners on one port that a controller cannot tell apart (the Gateway spec's "Distinct Listeners"). */
function listenerConflicts(listeners: readonly SimListener[]): Map<SimListener, 'ProtocolConflict' | 'HostnameConflict'> {
  const out = new Map<SimListener, 'ProtocolConflict' | 'HostnameConflict'>();
  const byPort = new Map<number, SimListener[]>();
  for (const l of listeners) {
    const list = byPort.get(l.port);
    if (list) list.push(l);
    else byPort.set(l.port, [l]);
  }
  // HTTPS and TLS both start with a TLS handshake and are told apart by SNI; UDP shares no socket with the rest.
  const family = (protocol: string): string => (protocol === 'HTTPS' || protocol === 'TLS' ? 'TLS' : protocol);
  for (const onPort of byPort.values()) {
    if (onPort.length < 2) continue;
    const streamed = onPort.filter((l) => l.protocol !== 'UDP');
    const families = new Set(streamed.map((l) => family(l.protocol)));
    if (families.size > 1) {
      for (const l of streamed) out.set(l, 'ProtocolConflict');
    }
    const byKey = new Map<string, SimListener[]>();
    for (const l of onPort) {
      if (out.has(l)) continue;
      const hostAware = l.protocol === 'HTTP' || l.protocol === 'HTTPS' || l.protocol === 'TLS';
      const key = `${family(l.protocol)} ${hostAware ? (l.hostname ?? '') : ''}`;
      const list = byKey.get(key);
      if (list) list.push(l);
      else byKey.set(key, [l]);
    }
    for (const list of byKey.values()) if (list.length > 1) for (const l of list) out.set(l, 'HostnameConflict');
  }
  return out;
}

function grantPermits(grants: readonly SimReferenceGrant[], from: { group: string; kind: string; namespace: string }, to: { group: string; kind: string; namespace: string; name: string }): boolean {
  for (const g of grants) {
    if (g.namespace !== to.namespace) continue;
    if (!g.from.some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace)) continue;
    if (g.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === '' || t.name === to.name))) return true;
  }
  return false;
}

const RESOLVED_REASON: Record<string, string> = { InvalidKind: 'InvalidKind', BackendNotFound: 'BackendNotFound', RefNotPermitted: 'RefNotPermitted', PortNotFound: 'BackendNotFound' };

export function buildGatewayApi(inputs: GatewayApiInputs): GatewayApi {
  const classes: SimGatewayClass[] = [];
  const gateways: SimGateway[] = [];
  const routes: SimRoute[] = [];
  const grants: SimReferenceGrant[] = [];
  // Of duplicates (same kind, namespace and name) the later declaration is what the cluster holds.
  const latest = new Map<string, ManifestObject>();
  for (const o of inputs.objects) if (o.apiVersion.startsWith(`${GATEWAY_GROUP}/`)) latest.set(`${o.kind}/${o.namespace}/${o.name}`, o);
  for (const o of latest.values()) {
    if (isGatewayApiKind(o, 'GatewayClass')) classes.push(readGatewayClass(o));
    else if (isGatewayApiKind(o, 'Gateway')) gateways.push(readGateway(o));
    else if (isGatewayApiKind(o, 'HTTPRoute') || isGatewayApiKind(o, 'GRPCRoute')) routes.push(readRoute(o));
    else if (isGatewayApiKind(o, 'ReferenceGrant')) grants.push(readReferenceGrant(o));
  }
  classes.sort((a, b) => byString(a.name, b.name));
  gateways.sort(compareNsName);
  routes.sort((a, b) => byString(a.kind, b.kind) || compareNsName(a, b));
  grants.sort(compareNsName);

  const classNames = new Set(classes.map((c) => c.name));
  const reconciles = (gw: SimGateway): boolean => classes.length === 0 || classNames.has(gw.className);
  const gatewayIndex = new Map<string, SimGateway>();
  for (const gw of gateways) gatewayIndex.set(`${gw.namespace}/${gw.name}`, gw);
  const lookupGateway = (namespace: string, name: string): SimGateway | undefined => gatewayIndex.get(`${namespace}/${name}`);

  // Listeners: conflicts and the route kinds each supports.
  const conflicts = new Map<SimListener, 'ProtocolConflict' | 'HostnameConflict'>();
  const supported = new Map<SimListener, { group: string; kind: string }[]>();
  const invalidKinds = new Map<SimListener, string[]>();
  for (const gw of gateways) {
    for (const [l, c] of listenerConflicts(gw.listeners)) conflicts.set(l, c);
    for (const l of gw.listeners) {
      const byProtocol = kindsForProtocol(l.protocol);
      if (!l.allowedKinds) {
        supported.set(l, byProtocol.map((kind) => ({ group: GATEWAY_GROUP, kind })));
        continue;
      }
      const ok: { group: string; kind: string }[] = [];
      const bad: string[] = [];
      for (const k of l.allowedKinds) {
        if (k.group === GATEWAY_GROUP && byProtocol.includes(k.kind)) {
          if (!ok.some((o) => o.kind === k.kind)) ok.push({ group: GATEWAY_GROUP, kind: k.kind });
        } else bad.push(k.group ? `${k.group}/${k.kind}` : k.kind);
      }
      supported.set(l, ok);
      if (bad.length > 0) invalidKinds.set(l, bad);
    }
  }

  const namespaceAllowed = (gw: SimGateway, l: SimListener, routeNamespace: string): boolean => {
    if (l.allowedFrom === 'All') return true;
    if (l.allowedFrom === 'Same') return routeNamespace === gw.namespace;
    if (l.allowedFrom === 'Selector') return !!l.allowedSelector && selectorMatches(l.allowedSelector, inputs.namespaceLabels(routeNamespace));
    return false;
  };

  // Backends.
  const resolveBackend = (route: SimRoute, ref: SimBackendRef): SimBackendResolution => {
    if (ref.group !== '' || ref.kind !== 'Service') return { ref, problem: { reason: 'InvalidKind' } };
    if (ref.namespace !== route.namespace && !grantPermits(grants, { group: GATEWAY_GROUP, kind: route.kind, namespace: route.namespace }, { group: '', kind: 'Service', namespace: ref.namespace, name: ref.name })) {
      return { ref, problem: { reason: 'RefNotPermitted' } };
    }
    const service = inputs.service(ref.namespace, ref.name);
    if (!service) return { ref, problem: { reason: 'BackendNotFound' } };
    const port = ref.port === undefined ? undefined : (service.ports.find((p) => p.port === ref.port && p.protocol === 'TCP') ?? service.ports.find((p) => p.port === ref.port));
    if (!port) return { ref, service, problem: { reason: 'PortNotFound' } };
    return { ref, service, port };
  };
  const backendsOf = new Map<SimRoute, SimBackendResolution[]>();
  const routeBackends = (route: SimRoute): SimBackendResolution[] => {
    let list = backendsOf.get(route);
    if (list) return list;
    list = [];
    for (const rule of route.rules) {
      for (const ref of rule.backendRefs) list.push(resolveBackend(route, ref));
      for (const f of [...rule.filters, ...rule.backendRefs.flatMap((b) => b.filters)]) {
        if (f.type !== 'RequestMirror') continue;
        const mirror = mirrorBackendRef(f, route.namespace);
        if (mirror) list.push(resolveBackend(route, mirror));
      }
    }
    backendsOf.set(route, list);
    return list;
  };

  const resolvedRefsOf = (route: SimRoute): SimCondition => {
    const bad = routeBackends(route).filter((b) => b.problem);
    if (bad.length === 0) return condition('ResolvedRefs', 'True', 'ResolvedRefs', 'Resolved all the Object references for the Route');
    const first = bad[0];
    const reason = RESOLVED_REASON[first.problem!.reason];
    const parts = bad.map((b) => `${b.ref.field} (${b.ref.kind} ${b.ref.namespace}/${b.ref.name}): ${describeBackendProblem(b)}`);
    return condition('ResolvedRefs', 'False', reason, parts.join('; '));
  };

  // Attachment, per parentRef.
  const parentsOf = new Map<SimRoute, SimRouteParentStatus[]>();
  const attached = new Map<SimListener, { route: SimRoute; attachment: SimAttachment }[]>();
  for (const route of routes) {
    const parents: SimRouteParentStatus[] = [];
    const resolvedRefs = resolvedRefsOf(route);
    for (const ref of route.parentRefs) {
      if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') continue;
      const gw = lookupGateway(ref.namespace, ref.name);
      if (!gw || !reconciles(gw)) continue;
      const candidates = gw.listeners.filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
      const attachments: SimAttachment[] = [];
      let hostnameOnly = false;
      for (const l of candidates) {
        if (conflicts.has(l)) continue;
        const kindOk = supported.get(l)!.some((k) => k.kind === route.kind);
        const nsOk = namespaceAllowed(gw, l, route.namespace);
        if (!kindOk || !nsOk) continue;
        const hostnames = routeHostnamesOn(l.hostname, route.hostnames);
        if (!hostnames) {
          hostnameOnly = true;
          continue;
        }
        attachments.push({ gateway: gw, listener: l, hostnames });
      }
      let accepted: SimCondition;
      if (candidates.length === 0) {
        const wanted = [ref.sectionName !== undefined ? `sectionName ${ref.sectionName}` : '', ref.port !== undefined ? `port ${ref.port}` : ''].filter(Boolean).join(' and ');
        accepted = condition('Accepted', 'False', 'NoMatchingParent', `Gateway ${gw.namespace}/${gw.name} has no listener with ${wanted || 'any name'}`);
      } else if (attachments.length > 0) {
        accepted = condition('Accepted', 'True', 'Accepted', `Accepted by listener${attachments.length > 1 ? 's' : ''} ${attachments.map((a) => a.listener.name).join(', ')}`);
      } else if (hostnameOnly) {
        accepted = condition('Accepted', 'False', 'NoMatchingListenerHostname', `no hostname of the route intersects the hostname of listener ${candidates.map((l) => `${l.name} (${l.hostname ?? 'any'})`).join(', ')}`);
      } else {
        accepted = condition('Accepted', 'False', 'NotAllowedByListeners', notAllowedMessage(route, gw, candidates, conflicts, supported, namespaceAllowed));
      }
      for (const a of attachments) {
        const list = attached.get(a.listener);
        if (list) list.push({ route, attachment: a });
        else attached.set(a.listener, [{ route, attachment: a }]);
      }
      parents.push({ ref, gateway: gw, accepted, resolvedRefs, attachments });
    }
    parentsOf.set(route, parents);
  }
  for (const list of attached.values()) list.sort((a, b) => compareRouteAge(a.route, b.route));

  const statusOf = new Map<SimGateway, SimGatewayStatus>();
  const gatewayStatus = (gw: SimGateway): SimGatewayStatus => {
    let status = statusOf.get(gw);
    if (status) return status;
    const reconciled = reconciles(gw);
    const listeners: SimListenerStatus[] = gw.listeners.map((l) => {
      const conflict = conflicts.get(l);
      const bad = invalidKinds.get(l);
      const routesHere = new Set((attached.get(l) ?? []).map((a) => a.route));
      const conditions: SimCondition[] = [];
      if (conflict) {
        conditions.push(condition('Accepted', 'False', conflict, `listener ${l.name} cannot be told apart from another listener on port ${l.port}`));
        conditions.push(condition('Conflicted', 'True', conflict, conflict === 'ProtocolConflict' ? `another listener on port ${l.port} uses an incompatible protocol` : `another listener on port ${l.port} has the same protocol and hostname`));
      } else {
        conditions.push(condition('Accepted', 'True', 'Accepted', 'Listener is accepted'));
        conditions.push(condition('Conflicted', 'False', 'NoConflicts', 'No conflicts'));
      }
      if (bad) conditions.push(condition('ResolvedRefs', 'False', 'InvalidRouteKinds', `route kinds not supported by protocol ${l.protocol}: ${bad.join(', ')}`));
      else conditions.push(condition('ResolvedRefs', 'True', 'ResolvedRefs', 'All references resolved'));
      conditions.push(conflict ? condition('Programmed', 'False', 'Invalid', 'Listener is conflicted') : condition('Programmed', 'True', 'Programmed', 'Listener is programmed'));
      const s: SimListenerStatus = { listener: l, supportedKinds: supported.get(l) ?? [], attachedRoutes: routesHere.size, conditions };
      if (conflict) s.conflict = conflict;
      return s;
    });
    let conditions: SimCondition[];
    if (!reconciled) {
      conditions = [condition('Accepted', 'Unknown', 'Pending', 'Waiting for controller'), condition('Programmed', 'Unknown', 'Pending', 'Waiting for controller')];
    } else {
      const valid = listeners.filter((l) => !l.conflict).length;
      const conflicted = listeners.filter((l) => l.conflict).map((l) => l.listener.name);
      conditions =
        conflicted.length === 0
          ? [condition('Accepted', 'True', 'Accepted', 'Gateway is accepted'), condition('Programmed', 'True', 'Programmed', 'Gateway is programmed')]
          : [
              condition('Accepted', valid > 0 ? 'True' : 'False', 'ListenersNotValid', `conflicted listeners: ${conflicted.join(', ')}`),
              condition('Programmed', valid > 0 ? 'True' : 'False', valid > 0 ? 'Programmed' : 'Invalid', valid > 0 ? 'Gateway is programmed' : 'no valid listener'),
            ];
    }
    status = { gateway: gw, reconciled, conditions, listeners: reconciled ? listeners : [] };
    statusOf.set(gw, status);
    return status;
  };

  return {
    classes,
    gateways,
    routes,
    referenceGrants: grants,
    gateway: lookupGateway,
    gatewayStatus,
    routeParents: (route) => parentsOf.get(route) ?? [],
    routeBackends,
    resolveBackend,
    attachedTo: (_gw, listener) => attached.get(listener) ?? [],
  };
}

function notAllowedMessage(
  route: SimRoute,
  gw: SimGateway,
  candidates: readonly SimListener[],
  conflicts: ReadonlyMap<SimListener, string>,
  supported: ReadonlyMap<SimListener, { kind: string }[]>,
  namespaceAllowed: (gw: SimGateway, l: SimListener, ns: string) => boolean,
): string {
  const why = candidates.map((l) => {
    if (conflicts.has(l)) return `listener ${l.name} is conflicted`;
    if (!supported.get(l)!.some((k) => k.kind === route.kind)) return `listener ${l.name} does not allow kind ${route.kind} (it allows ${supported.get(l)!.map((k) => k.kind).join(', ') || 'none'})`;
    if (!namespaceAllowed(gw, l, route.namespace)) return `listener ${l.name} allows routes from ${l.allowedFrom === 'Same' ? `namespace ${gw.namespace} only` : l.allowedFrom === 'Selector' ? 'namespaces matching its selector' : `"${l.allowedFrom}"`}, not ${route.namespace}`;
    return `listener ${l.name} does not accept it`;
  });
  return why.join('; ');
}

export function describeBackendProblem(b: SimBackendResolution): string {
  switch (b.problem?.reason) {
    case 'InvalidKind':
      return `kind ${b.ref.group ? `${b.ref.group}/` : ''}${b.ref.kind} is not a Service`;
    case 'RefNotPermitted':
      return `no ReferenceGrant in namespace ${b.ref.namespace} allows it`;
    case 'BackendNotFound':
      return `Service ${b.ref.namespace}/${b.ref.name} does not exist`;
    case 'PortNotFound':
      return b.ref.port === undefined ? 'no port given' : `Service ${b.ref.namespace}/${b.ref.name} has no port ${b.ref.port}`;
    default:
      return 'resolved';
  }
}

/** A cluster without Gateway API objects. */
export function emptyGatewayApi(): GatewayApi {
  return buildGatewayApi({ objects: [], namespaceLabels: () => ({}), service: () => undefined });
}
