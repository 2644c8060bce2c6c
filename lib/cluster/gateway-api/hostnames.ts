/**
 * Gateway API hostnames. A `*.` wildcard stands for one or more labels (`*.example.com` matches
 * `a.example.com` and `a.b.example.com`, never `example.com`) — unlike Ingress, where `*` is exactly
 * one label. Intersection of a listener's and a route's hostnames follows the table of the
 * specification's hostnames concept page: the more specific side is what is served.
 */

export function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/** Does the request host (lower-case, without port) match a hostname (precise or wildcard)? */
export function hostnameMatches(hostname: string, host: string): boolean {
  if (!isWildcard(hostname)) return hostname === host;
  const suffix = hostname.slice(1); // `.example.com`
  return host.length > suffix.length && host.endsWith(suffix);
}

/**
 * The hostname served when a listener's hostname and a route's hostname meet, or undefined when
 * they do not intersect. `undefined` listener hostname = the listener serves every host.
 */
export function intersectHostname(listener: string | undefined, route: string): string | undefined {
  if (listener === undefined) return route;
  if (listener === route) return route;
  const lw = isWildcard(listener);
  const rw = isWildcard(route);
  if (!lw && !rw) return undefined;
  if (lw && !rw) return hostnameMatches(listener, route) ? route : undefined;
  if (!lw && rw) return hostnameMatches(route, listener) ? listener : undefined;
  // Both wildcards: the one whose suffix extends the other's is the intersection.
  if (hostnameMatches(listener, route.slice(2))) return route;
  if (hostnameMatches(route, listener.slice(2))) return listener;
  return undefined;
}

/**
 * Hostnames a route is served for on a listener: the non-empty intersections; `[]` with
 * `matchesAll` when neither side restricts the host. Undefined when both restrict and nothing
 * intersects (the listener does not accept the route).
 */
export function routeHostnamesOn(listener: string | undefined, routeHostnames: readonly string[]): string[] | undefined {
  if (routeHostnames.length === 0) return listener === undefined ? [] : [listener];
  const out: string[] = [];
  for (const h of routeHostnames) {
    const i = intersectHostname(listener, h);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out.length > 0 ? out : undefined;
}

/** Listener hostname precedence for a request: exact, then wildcards by labels right of `*`, then none. */
export function listenerHostnameRank(hostname: string | undefined): number {
  if (hostname === undefined) return 0;
  if (!isWildcard(hostname)) return 1_000_000;
  return 1 + hostname.split('.').length - 1;
}
