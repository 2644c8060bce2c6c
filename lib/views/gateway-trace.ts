/**
 * The Gateway leg of `lineup trace`: the request as a Gateway sees it (URL, method, headers; gRPC
 * calls as HTTP/2 POSTs), and the hop that says which listener, route, rule and filters it met and
 * which backends it is shared between. What follows a chosen Service (endpoints, kube-proxy) is
 * trace's, as for any other client inside the cluster.
 */
import type { GatewayApi, SimBackendResolution } from '../cluster/gateway-api/model';
import { backendProblemText, routeGatewayRequest, type GatewayRequest, type GatewayRouting } from './gateway-routing';

export interface GatewayTraceOptions {
  method?: string;
  /** `Name: value` pairs as given. */
  headers?: [string, string][];
  gateway?: { namespace: string; name: string };
}

/**
 * `http(s)://host[:port]/path?query` or `grpc://host[:port]/package.Service/Method` as a request
 * to a Gateway; undefined when the target is not such a URL.
 */
export function gatewayRequest(target: string, opts: GatewayTraceOptions): GatewayRequest | undefined {
  const m = /^(https?|grpc):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^?#]*)(?:\?([^#]*))?/i.exec(target);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase() as GatewayRequest['scheme'];
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  if (port < 1 || port > 65535) return undefined;
  const host = (m[2].startsWith('[') ? m[2].slice(1, -1) : m[2]).toLowerCase();
  const query: [string, string][] = [];
  for (const part of (m[5] ?? '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    query.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  const headers: [string, string][] = [...(opts.headers ?? [])];
  if (scheme === 'grpc' && !headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/grpc']);
  const req: GatewayRequest = {
    scheme,
    host,
    port,
    path: m[4] === '' ? '/' : m[4],
    query,
    method: scheme === 'grpc' ? 'POST' : (opts.method ?? 'GET').toUpperCase(),
    headers,
  };
  if (opts.gateway) req.gateway = opts.gateway;
  return req;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `Name: value` → [name, value]; undefined when there is no colon or no name. */
export function parseHeader(text: string): [string, string] | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  const name = text.slice(0, colon).trim();
  return name === '' ? undefined : [name, text.slice(colon + 1).trim()];
}

export interface GatewayLeg {
  routing: GatewayRouting;
  /** The gateway hop (absent when no listener serves the request). */
  hop?: { type: 'gateway'; detail: string; [key: string]: unknown };
}

function backendLabel(b: SimBackendResolution): string {
  const ref = b.ref;
  const kind = ref.group === '' && ref.kind === 'Service' ? '' : `${ref.group ? `${ref.group}/` : ''}${ref.kind} `;
  return `${kind}${ref.namespace}/${ref.name}${ref.port !== undefined ? `:${ref.port}` : ''}`;
}

export function gatewayLeg(api: GatewayApi, req: GatewayRequest): GatewayLeg {
  const routing = routeGatewayRequest(api, req);
  if (routing.kind === 'no-listener') return { routing };
  const gateway = `${routing.gateway.namespace}/${routing.gateway.name}`;
  const listener = routing.listener.name;
  const where = `Gateway ${gateway} listener ${listener} (port ${routing.listener.port}${routing.listener.hostname ? `, ${routing.listener.hostname}` : ''})`;
  const request = `${req.method} ${req.host}${req.path}`;
  if (routing.kind === 'not-found') {
    const answer = req.scheme === 'grpc' ? 'gRPC UNIMPLEMENTED' : 'HTTP 404';
    return { routing, hop: { type: 'gateway', detail: `${where}: ${routing.reason} (${request}); ${answer}`, gateway, listener, reason: routing.reason } };
  }
  const route = `${routing.route.kind} ${routing.route.namespace}/${routing.route.name}`;
  const hop: GatewayLeg['hop'] = {
    type: 'gateway',
    detail: '',
    gateway,
    listener,
    route,
    match: routing.matchField,
  };
  const parts = [`${where}: ${route} ${routing.matchField} matches ${request}`];
  if (routing.filterNotes.length > 0) {
    hop.filters = routing.filterNotes;
    parts.push(routing.filterNotes.join('; '));
  }
  if (routing.rewrite) hop.rewrite = routing.rewrite;
  if (routing.redirect) {
    hop.redirect = routing.redirect;
  } else if (routing.backends.length === 0) {
    parts.push('the rule has no backend to forward to: HTTP 500');
  } else {
    hop.backends = routing.backends.map((b) => {
      const entry: Record<string, unknown> = { backend: backendLabel(b.resolution), share: b.share };
      if (b.resolution.problem) entry.problem = b.resolution.problem.reason;
      return entry;
    });
    parts.push(
      'forwards to ' +
        routing.backends
          .map((b) => `${backendLabel(b.resolution)}${routing.backends.length > 1 ? ` (${formatShare(b.share)})` : ''}${b.resolution.problem ? ` — invalid, ${backendProblemText(b.resolution)}: HTTP 500` : ''}`)
          .join(', '),
    );
  }
  hop.detail = parts.join('; ');
  return { routing, hop };
}

export function formatShare(p: number): string {
  return p === 1 ? '100%' : `${Number((p * 100).toFixed(2))}%`;
}
