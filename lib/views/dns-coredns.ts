/**
 * What the cluster DNS server answers: CoreDNS's `kubernetes` plugin as kubeadm configures it
 * (`kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }`),
 * as a pure function of the simulated cluster. The control flow follows
 * CoreDNS (parseRequest → Records → findServices/findPods, then the per-type answer builders of
 * plugin/backend_lookup.go), so corner cases come out the way CoreDNS answers them:
 * - endpoint names (`<hostname>.<svc>.<ns>.svc.<zone>`) resolve under any non-ExternalName Service,
 *   headless or not, because CoreDNS looks them up in the Service's EndpointSlices;
 * - only ready endpoints (slice condition ready true or unset) are published;
 * - PTR records exist for cluster IPs and for every ready endpoint address of a Service;
 * - an existing namespace (`<ns>.svc.<zone>`) is NODATA, an unknown one NXDOMAIN.
 * Names are compared case-insensitively (CoreDNS matches with EqualFold); answers use lower case.
 */
import type { Cluster, SimService, SimEndpointSlice } from '../cluster/model';
import { formatIP, parseIP } from '../k8s/ip';
import {
  addressFromReverse,
  endpointHostname,
  fqdn,
  inZone,
  isReverseName,
  labelsBelow,
  zoneOf,
} from './dns-names';

export type DnsType = 'A' | 'AAAA' | 'SRV' | 'CNAME' | 'PTR' | 'TXT';
export type Rcode = 'NOERROR' | 'NXDOMAIN';

export const DNS_TYPES: readonly DnsType[] = ['A', 'AAAA', 'SRV', 'CNAME', 'PTR', 'TXT'];

export interface DnsRecord {
  /** Owner name, fully qualified with trailing dot. */
  name: string;
  type: DnsType;
  ttl: number;
  /** Presentation form: an address, a target name with trailing dot, `"<prio> <weight> <port> <target>"` for SRV, a quoted string for TXT. */
  data: string;
}

export interface DnsAnswer {
  rcode: Rcode;
  answers: DnsRecord[];
  /** Additional section (SRV targets' addresses). */
  extras?: DnsRecord[];
  /**
   * The cluster DNS server cannot give the whole answer: the name is outside the cluster zone (CoreDNS
   * forwards it upstream), or the answer is a CNAME to a name outside the zone. The simulator reports
   * NXDOMAIN / the CNAME alone; callers (trace) call such a destination "external".
   */
  external?: boolean;
}

/**
 * kubeadm's Corefile sets `ttl 30` in the kubernetes block (the plugin's own default is 5 s), and
 * kubeadm-built clusters are what users compare against.
 */
export const RECORD_TTL = 30;
/** CoreDNS hard-codes the TTL of `dns-version.<zone>` TXT. */
export const DNS_VERSION_TTL = 28800;
/** Version of the Kubernetes DNS specification CoreDNS implements. */
export const DNS_SCHEMA_VERSION = '1.1.0';

/** CoreDNS gives up following a CNAME chain after this many records (backend_lookup: len(previousRecords) > 7). */
const MAX_CNAME_CHAIN = 8;

/** One candidate record, CoreDNS's msg.Service: `host` is an address or (ExternalName) a target name. */
interface Item {
  /** The name this item is known by (SRV target), FQDN. */
  key: string;
  host: string;
  /** -1 when the EndpointSlice has no ports (CoreDNS's sentinel: A records yes, SRV no). */
  port: number;
}

interface Lookup {
  items: Item[];
  /** Name error (NXDOMAIN). */
  nx: boolean;
}

const NX: Lookup = { items: [], nx: true };
const NODATA: Lookup = { items: [], nx: false };

interface Request {
  podOrSvc: string;
  namespace: string;
  service: string;
  endpoint: string;
  port: string;
  protocol: string;
}

/** CoreDNS parseRequest: `[_port._proto.|endpoint.]service.namespace.(svc|pod)` below the zone. */
function parseRequest(labels: string[]): Request | 'apex' | 'invalid' {
  if (labels.length === 0) return 'apex';
  const segs = labels;
  let last = segs.length - 1;
  const r: Request = { podOrSvc: segs[last], namespace: '', service: '', endpoint: '', port: '', protocol: '' };
  if (segs.length === 1 && (segs[0] === 'svc' || segs[0] === 'pod')) return 'apex';
  if (r.podOrSvc !== 'svc' && r.podOrSvc !== 'pod') return 'invalid';
  last--;
  r.namespace = segs[last];
  last--;
  if (last < 0) return r;
  r.service = segs[last];
  last--;
  if (last < 0) return r;
  if (last === 0) {
    r.endpoint = segs[0];
  } else if (last === 1) {
    r.port = stripUnderscore(segs[0]);
    r.protocol = stripUnderscore(segs[1]);
  } else {
    return 'invalid';
  }
  return r;
}

function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

function matchPortAndProtocol(qPort: string, port: string, qProto: string, proto: string): boolean {
  return (qPort === '' || qPort === port.toLowerCase()) && (qProto === '' || qProto === proto.toLowerCase());
}

function namespaceExists(cluster: Cluster, ns: string): boolean {
  return ns !== '' && cluster.namespaces.includes(ns);
}

function serviceFqdn(svc: { name: string; namespace: string }, zone: string): string {
  return `${svc.name}.${svc.namespace}.svc.${zone}`;
}

function clusterIPsOf(svc: SimService): string[] {
  const ips = svc.clusterIPs.length > 0 ? svc.clusterIPs : svc.clusterIP ? [svc.clusterIP] : [];
  return ips.filter((ip) => ip !== '' && ip !== 'None');
}

function isHeadless(svc: SimService): boolean {
  return svc.headless || svc.clusterIP === 'None';
}

/** Slices CoreDNS would read for a Service: IP slices only (it does not watch FQDN slices). */
function ipSlices(cluster: Cluster, svc: SimService): SimEndpointSlice[] {
  return cluster.slicesOf(svc.namespace, svc.name).filter((s) => s.addressType === 'IPv4' || s.addressType === 'IPv6');
}

/** Records the kubernetes plugin holds for a forward name in the zone (Records + Services' special names). */
function lookupForward(cluster: Cluster, name: string, zone: string): Lookup {
  const labels = labelsBelow(name, zone);
  // `ns.dns.<zone>` names the DNS server itself (isDefaultNS): the kube-dns Service's addresses.
  if (labels.length === 2 && labels[0] === 'ns' && labels[1] === 'dns') {
    const dnsSvc = cluster.services.find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns');
    const ips = dnsSvc ? clusterIPsOf(dnsSvc) : cluster.dnsServiceIP ? [cluster.dnsServiceIP] : [];
    return { items: ips.map((ip) => ({ key: name, host: ip, port: 0 })), nx: false };
  }
  const r = parseRequest(labels);
  if (r === 'apex') return NODATA;
  if (r === 'invalid') return NX;
  if (!namespaceExists(cluster, r.namespace)) return NX;
  if (r.podOrSvc === 'pod') return findPod(r, zone);
  return findServices(cluster, r, zone);
}

/** `pods insecure`: any `a-b-c-d.<ns>.pod.<zone>` in an existing namespace answers with the address it spells. */
function findPod(r: Request, zone: string): Lookup {
  if (r.service === '') return NODATA;
  const podname = r.service;
  const dashes = podname.split('-').length - 1;
  const text = dashes === 3 && !podname.includes('--') ? podname.split('-').join('.') : podname.split('-').join(':');
  const ip = parseIP(text);
  if (!ip) return NX;
  return { items: [{ key: `${podname}.${r.namespace}.pod.${zone}`, host: formatIP(ip), port: 0 }], nx: false };
}

function findServices(cluster: Cluster, r: Request, zone: string): Lookup {
  if (r.service === '') return NODATA;
  const svc = cluster.service(r.namespace, r.service);
  if (!svc) return NX;
  const base = serviceFqdn(svc, zone);

  if (svc.type === 'ExternalName') {
    // No endpoints and no port/protocol pseudo-labels under an ExternalName Service.
    if (r.endpoint !== '' || r.port !== '' || r.protocol !== '') return NX;
    const target = (svc.externalName ?? '').trim().toLowerCase().replace(/\.+$/, '');
    // CoreDNS only serves an ExternalName that is a name; an IP there yields no record.
    if (target === '' || parseIP(target)) return NX;
    return { items: [{ key: base, host: target, port: 0 }], nx: false };
  }

  if (isHeadless(svc) || r.endpoint !== '') {
    const items: Item[] = [];
    for (const slice of ipSlices(cluster, svc)) {
      const ports = slice.ports.length > 0 ? slice.ports : [{ name: '', port: -1, protocol: '' }];
      for (const ep of slice.endpoints) {
        // EndpointSlice `ready` unset means ready; the model stores it already resolved.
        if (!ep.ready) continue;
        for (const address of ep.addresses) {
          const host = endpointHostname(address, ep.hostname);
          if (r.endpoint !== '' && r.endpoint !== host) continue;
          for (const p of ports) {
            if (!matchPortAndProtocol(r.port, p.name ?? '', r.protocol, p.protocol ?? '')) continue;
            const port = typeof p.port === 'number' && Number.isFinite(p.port) ? p.port : -1;
            items.push({ key: `${host}.${base}`, host: address, port });
          }
        }
      }
    }
    return items.length > 0 ? { items, nx: false } : NX;
  }

  let matched = false;
  const items: Item[] = [];
  for (const p of svc.ports) {
    if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
    matched = true;
    for (const ip of clusterIPsOf(svc)) items.push({ key: base, host: ip, port: p.port });
  }
  return matched ? { items, nx: false } : NX;
}

type HostKind = 'A' | 'AAAA' | 'CNAME';

function hostKind(host: string): { kind: HostKind; ip?: string } {
  const ip = parseIP(host);
  if (!ip) return { kind: 'CNAME' };
  return { kind: ip.family === 'IPv4' ? 'A' : 'AAAA', ip: formatIP(ip) };
}

function record(name: string, type: DnsType, data: string, ttl = RECORD_TTL): DnsRecord {
  return { name, type, ttl, data };
}

interface Built {
  records: DnsRecord[];
  external: boolean;
}

/** A/AAAA answers (backend_lookup A/AAAA), following CNAMEs into the zone. */
function addressRecords(cluster: Cluster, name: string, zone: string, type: 'A' | 'AAAA', previous: DnsRecord[]): { nx: boolean } & Built {
  const found = lookupForward(cluster, name, zone);
  if (found.nx) return { nx: true, records: [], external: false };
  const records: DnsRecord[] = [];
  let external = false;
  const seen = new Set<string>();
  for (const item of found.items) {
    const host = hostKind(item.host);
    if (host.kind === 'CNAME') {
      const target = fqdn(item.host);
      if (target === name) continue; // x CNAME x is a loop
      if (previous.length >= MAX_CNAME_CHAIN) continue;
      const cname = record(name, 'CNAME', target);
      if (previous.some((r) => r.name === cname.name && r.data === cname.data)) continue;
      if (inZone(target, zone)) {
        const next = addressRecords(cluster, target, zone, type, [...previous, cname]);
        // The CNAME is only given when its target resolves to something.
        if (!next.nx && next.records.length > 0) {
          records.push(cname, ...next.records);
          external = external || next.external;
        }
        continue;
      }
      // Outside the zone CoreDNS asks upstream for the target; offline only the CNAME is known.
      records.push(cname);
      external = true;
      continue;
    }
    if (host.kind !== type || seen.has(host.ip!)) continue;
    seen.add(host.ip!);
    records.push(record(name, type, host.ip!));
  }
  return { nx: false, records, external };
}

/** SRV answers: priority 0, weight floor(100/N) over all N candidates, de-duplicated by (target, port). */
function srvRecords(items: Item[], name: string): { records: DnsRecord[]; extras: DnsRecord[] } {
  const records: DnsRecord[] = [];
  const extras: DnsRecord[] = [];
  // CoreDNS computes the weight before dropping duplicates and port-less candidates (backend_lookup SRV).
  const weight = Math.max(1, Math.floor(100 / Math.max(1, items.length)));
  const seenSrv = new Set<string>();
  const seenExtra = new Set<string>();
  for (const item of items) {
    if (item.port === -1) continue;
    const host = hostKind(item.host);
    if (host.kind === 'CNAME') continue;
    const srvKey = `${item.key} ${item.port}`;
    if (!seenSrv.has(srvKey)) {
      seenSrv.add(srvKey);
      records.push(record(name, 'SRV', `0 ${weight} ${item.port} ${item.key}`));
    }
    const extraKey = `${item.key} ${host.ip}`;
    if (!seenExtra.has(extraKey)) {
      seenExtra.add(extraKey);
      extras.push(record(item.key, host.kind, host.ip!));
    }
  }
  return { records, extras };
}

/** PTR for an address: a Service's cluster IP first, else every ready endpoint address of a Service (serviceRecordForIP). */
function ptrRecords(cluster: Cluster, name: string, address: string, zone: string): DnsRecord[] {
  const ip = parseIP(address);
  if (!ip) return [];
  const same = (text: string): boolean => {
    const other = parseIP(text);
    return !!other && other.family === ip.family && other.value === ip.value;
  };
  for (const svc of cluster.services) {
    if (svc.type === 'ExternalName') continue;
    if (clusterIPsOf(svc).some(same)) return [record(name, 'PTR', serviceFqdn(svc, zone))];
  }
  const records: DnsRecord[] = [];
  const seen = new Set<string>();
  for (const slice of cluster.endpointSlices()) {
    if (!slice.serviceName || (slice.addressType !== 'IPv4' && slice.addressType !== 'IPv6')) continue;
    for (const ep of slice.endpoints) {
      if (!ep.ready) continue;
      for (const a of ep.addresses) {
        if (!same(a)) continue;
        const target = `${endpointHostname(a, ep.hostname)}.${slice.serviceName}.${slice.namespace}.svc.${zone}`;
        if (seen.has(target)) continue;
        seen.add(target);
        records.push(record(name, 'PTR', target));
      }
    }
  }
  return records;
}

/**
 * What CoreDNS answers for a fully-qualified name (a missing trailing dot is added: the name is
 * taken as absolute). Names outside the cluster zone and the reverse zones are NXDOMAIN from the
 * simulator's point of view and marked `external`.
 */
export function dnsRecords(cluster: Cluster, qname: string, qtype: DnsType): DnsAnswer {
  const name = fqdn(qname);
  const zone = zoneOf(cluster.settings.clusterDomain);

  if (isReverseName(name)) {
    const address = addressFromReverse(name);
    const ptr = qtype === 'PTR' && address ? ptrRecords(cluster, name, address, zone) : [];
    // Unknown reverse names fall through to the upstream resolver (`fallthrough in-addr.arpa ip6.arpa`).
    if (ptr.length === 0) return { rcode: 'NXDOMAIN', answers: [], external: true };
    return { rcode: 'NOERROR', answers: ptr };
  }
  if (!inZone(name, zone)) return { rcode: 'NXDOMAIN', answers: [], external: true };

  switch (qtype) {
    case 'A':
    case 'AAAA': {
      const r = addressRecords(cluster, name, zone, qtype, []);
      if (r.nx) return { rcode: 'NXDOMAIN', answers: [] };
      return withExternal({ rcode: 'NOERROR', answers: r.records }, r.external);
    }
    case 'CNAME': {
      const found = lookupForward(cluster, name, zone);
      if (found.nx) return { rcode: 'NXDOMAIN', answers: [] };
      const first = found.items[0];
      if (!first || hostKind(first.host).kind !== 'CNAME') return { rcode: 'NOERROR', answers: [] };
      const target = fqdn(first.host);
      return withExternal({ rcode: 'NOERROR', answers: [record(name, 'CNAME', target)] }, !inZone(target, zone));
    }
    case 'SRV': {
      const found = lookupForward(cluster, name, zone);
      if (found.nx) return { rcode: 'NXDOMAIN', answers: [] };
      // SRV for ExternalName Services is not implemented by CoreDNS: those candidates are dropped first.
      const internal = found.items.filter((i) => hostKind(i.host).kind !== 'CNAME');
      const { records, extras } = srvRecords(internal, name);
      return extras.length > 0 ? { rcode: 'NOERROR', answers: records, extras } : { rcode: 'NOERROR', answers: records };
    }
    case 'TXT': {
      const labels = labelsBelow(name, zone);
      if (labels.length === 1 && labels[0] === 'dns-version') {
        return { rcode: 'NOERROR', answers: [record(name, 'TXT', `"${DNS_SCHEMA_VERSION}"`, DNS_VERSION_TTL)] };
      }
      // Any other TXT name: NODATA when it has records of another type, else NXDOMAIN.
      const found = lookupForward(cluster, name, zone);
      return found.items.length > 0 ? { rcode: 'NOERROR', answers: [] } : { rcode: 'NXDOMAIN', answers: [] };
    }
    case 'PTR': {
      // A forward name has no PTR records: NODATA when the name exists.
      const found = lookupForward(cluster, name, zone);
      return { rcode: found.nx ? 'NXDOMAIN' : 'NOERROR', answers: [] };
    }
  }
  return { rcode: 'NXDOMAIN', answers: [] };
}

function withExternal(answer: DnsAnswer, external: boolean): DnsAnswer {
  return external ? { ...answer, external: true } : answer;
}
