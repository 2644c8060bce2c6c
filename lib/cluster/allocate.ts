/**
 * ClusterIP and NodePort allocation as the API server does it on create, made
 * deterministic. Upstream picks a random free value in the upper (dynamic) band, scanning linearly
 * with wrap-around, and falls back to the lower (static) band when the upper one is full. Here the
 * "random" start is a stable hash of the Service's `namespace/name`, so the same input always
 * gives the same addresses and adding one Service does not move another's (short of a collision).
 *
 * Order: every explicitly requested value is reserved first, in input order — a later Service
 * asking for a taken or out-of-range value is rejected with the upstream message, and (as the API
 * server's transactional create does) everything it had reserved is released. Then Services
 * without requests are allocated in `namespace/name` order, so the file order of the input does
 * not matter.
 */
import { formatCIDR, formatIP, parseIP, cidrContains, bitsOf, type Cidr, type IP } from '../k8s/ip';
import { byString } from '../k8s/json';
import { fnv1a32 } from './hash';
import type { AllocationProblem as ModelAllocationProblem, ClusterSettings } from './model';
import type { AdmittedService } from './services';

/** A problem met while admitting, about the admitted Services (the model's refer to its own). */
type AllocationProblem = ModelAllocationProblem<AdmittedService>;
import { versionAtLeast } from '../k8s/version';

/** What the allocator needs to know about one Service besides the admitted Service it fills in. */
export interface AllocationRequest {
  /** `ports[].nodePort` hold the requested values (0 = none); `clusterIP` is overwritten. */
  service: AdmittedService;
  /** `spec.clusterIPs` after defaulting (`[clusterIP]` when only the singular was given); `[]` = none. */
  requestedClusterIPs: string[];
  /** NodePort, or LoadBalancer with allocateLoadBalancerNodePorts not false: unrequested ports get one. */
  allocateNodePorts: boolean;
  /** NodePort or LoadBalancer: requested nodePorts are honoured (ClusterIP ones are a validation error, not ours). */
  usesNodePorts: boolean;
  /** type LoadBalancer with externalTrafficPolicy Local. */
  needsHealthCheck: boolean;
  /** `spec.healthCheckNodePort` (0 = none). */
  requestedHealthCheckNodePort: number;
}

/** A band-split bitmap of small integers (IP offsets or port numbers) with a holder per value. */
class BandedRange {
  private readonly taken = new Map<number, AdmittedService>();

  /** Values are `first .. first+size-1`; the lowest `staticSize` of them form the static band. */
  constructor(
    readonly first: number,
    readonly size: number,
    readonly staticSize: number,
  ) {}

  contains(value: number): boolean {
    return value >= this.first && value < this.first + this.size;
  }

  holder(value: number): AdmittedService | undefined {
    return this.taken.get(value);
  }

  reserve(value: number, service: AdmittedService): void {
    this.taken.set(value, service);
  }

  release(value: number): void {
    this.taken.delete(value);
  }

  /** Upper band from a hashed start with wrap-around, then the lower band likewise; undefined when full. */
  next(seed: string, service: AdmittedService): number | undefined {
    const h = fnv1a32(seed);
    const bands: [number, number][] = [
      [this.first + this.staticSize, this.size - this.staticSize],
      [this.first, this.staticSize],
    ];
    for (const [start, length] of bands) {
      if (length <= 0) continue;
      const offset = h % length;
      for (let i = 0; i < length; i++) {
        const value = start + ((offset + i) % length);
        if (!this.taken.has(value)) {
          this.taken.set(value, service);
          return value;
        }
      }
    }
    return undefined;
  }
}

/** KEP-3070: min(max(16, size/16), 256) addresses are static; 0 when the range has at most 16. */
export function clusterIPStaticBand(cidrSize: number): number {
  if (cidrSize <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256);
}

/** KEP-3668: min(max(16, size/32), 128) ports are static; 0 when the range has at most 16. */
export function nodePortStaticBand(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** Usable service IPs: offsets 1..n from the network address (IPv4 also skips broadcast; IPv6 capped at 2^16 like the bitmap allocator). */
export function usableServiceIPs(cidr: Cidr): number {
  const hostBits = bitsOf(cidr.family) - cidr.prefix;
  const size = hostBits >= 30 ? 2 ** 30 : 2 ** hostBits;
  if (cidr.family === 'IPv4') return Math.max(0, size - 2);
  return Math.min(size, 65536) - 1;
}

/** The `offset`-th address of the service CIDR as text (1 = the `kubernetes` Service, 10 = cluster DNS). */
export function serviceIPAt(cidr: Cidr, offset: number): string {
  return formatIP({ family: cidr.family, value: cidr.base + BigInt(offset) });
}

function goStringSlice(values: string[]): string {
  return `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
}

interface Reservation {
  ip?: number;
  ports: number[];
}

/**
 * Fills in `clusterIP`, `clusterIPs`, `ports[].nodePort` and `healthCheckNodePort` of every
 * requested Service (in input order) and returns what the API server would have rejected.
 * A rejected Service ends with no cluster IP (`''`, or `'None'` if headless) and no node ports.
 */
export function allocate(requests: AllocationRequest[], settings: ClusterSettings): ModelAllocationProblem<AdmittedService>[] {
  const cidr = settings.serviceCIDR;
  const ipCount = usableServiceIPs(cidr);
  const ips = new BandedRange(1, ipCount, clusterIPStaticBand(Math.min(ipCount + 2, 2 ** 30)));
  const { min, max } = settings.nodePortRange;
  const portCount = max - min + 1;
  const ports = new BandedRange(min, portCount, nodePortStaticBand(portCount));
  const rangeText = `${min}-${max}`;
  const cidrText = formatCIDR(cidr);
  const newIPMessage = versionAtLeast(settings.kubernetesVersion, 1, 27);

  const problems: AllocationProblem[] = [];
  const reservations = new Map<AllocationRequest, Reservation>();
  const failed = new Set<AllocationRequest>();

  const rollback = (req: AllocationRequest): void => {
    const r = reservations.get(req);
    if (r?.ip !== undefined) ips.release(r.ip);
    for (const p of r?.ports ?? []) ports.release(p);
    reservations.delete(req);
    failed.add(req);
    const svc = req.service;
    svc.clusterIP = svc.headless ? 'None' : '';
    svc.clusterIPs = svc.headless ? ['None'] : [];
    for (const p of svc.ports) p.nodePort = 0;
    svc.healthCheckNodePort = undefined;
  };

  /** Tries to reserve a requested node port; returns the problem (not yet recorded) when it cannot. */
  const reservePort = (req: AllocationRequest, value: number, field: string, healthCheck: boolean, r: Reservation): AllocationProblem | undefined => {
    const svc = req.service;
    if (!ports.contains(value)) {
      const body = `provided port is not in the valid range. The range of valid ports is ${rangeText}`;
      return {
        resource: 'nodePort',
        reason: 'out-of-range',
        service: svc,
        field,
        message: healthCheck ? `failed to allocate requested HealthCheck NodePort ${value}: ${body}` : `Invalid value: ${value}: ${body}`,
      };
    }
    const holder = ports.holder(value);
    if (holder) {
      if (holder === svc) return undefined;
      return {
        resource: 'nodePort',
        reason: 'taken',
        service: svc,
        field,
        message: healthCheck ? `failed to allocate requested HealthCheck NodePort ${value}: provided port is already allocated` : `Invalid value: ${value}: provided port is already allocated`,
        holder,
      };
    }
    ports.reserve(value, svc);
    r.ports.push(value);
    return undefined;
  };

  // Phase 1: explicit requests, in input order.
  for (const req of requests) {
    const svc = req.service;
    const r: Reservation = { ports: [] };
    reservations.set(req, r);
    const found: AllocationProblem[] = [];
    let invalid = false;
    svc.clusterIP = svc.type === 'ExternalName' ? '' : svc.headless ? 'None' : '';
    svc.clusterIPs = svc.headless && svc.type !== 'ExternalName' ? ['None'] : [];
    const requested = req.requestedClusterIPs[0];
    if (svc.type !== 'ExternalName' && !svc.headless && requested !== undefined && requested !== '') {
      const ip = parseIP(requested);
      if (!ip) {
        // Not an IP at all: validation rejects the Service (the API validation rule reports it), so nothing is allocated.
        invalid = true;
      } else {
        const offset = ipOffset(cidr, ip);
        const shown = formatIP(ip);
        const prefix = `Invalid value: ${goStringSlice(req.requestedClusterIPs)}: failed to allocate IP ${shown}: `;
        if (offset === undefined || !ips.contains(offset)) {
          found.push({
            resource: 'clusterIP',
            reason: 'out-of-range',
            service: svc,
            field: 'spec.clusterIPs',
            message: prefix + (newIPMessage ? `the provided IP (${shown}) is not in the valid range. The range of valid IPs is ${cidrText}` : `provided IP is not in the valid range. The range of valid IPs is ${cidrText}`),
          });
        } else if (ips.holder(offset)) {
          found.push({ resource: 'clusterIP', reason: 'taken', service: svc, field: 'spec.clusterIPs', message: `${prefix}provided IP is already allocated`, holder: ips.holder(offset) });
        } else {
          ips.reserve(offset, svc);
          r.ip = offset;
          svc.clusterIP = shown;
          svc.clusterIPs = [shown];
        }
      }
    }
    if (req.usesNodePorts) {
      // initNodePorts: ports that share a port number share the first nodePort requested for it.
      const byPortNumber = new Map<number, number>();
      svc.ports.forEach((port, i) => {
        const field = `spec.ports[${i}].nodePort`;
        const shared = byPortNumber.get(port.port);
        if (shared === undefined) {
          const wanted = port.nodePort !== 0 ? port.nodePort : (svc.ports.find((p) => p.port === port.port && p.nodePort !== 0)?.nodePort ?? 0);
          if (wanted === 0) return;
          const problem = reservePort(req, wanted, field, false, r);
          // Recorded even on failure, so the other ports of this number do not report it again.
          byPortNumber.set(port.port, wanted);
          if (problem) found.push(problem);
          else port.nodePort = wanted;
        } else if (port.nodePort === 0) {
          port.nodePort = shared;
        } else if (port.nodePort !== shared) {
          const problem = reservePort(req, port.nodePort, field, false, r);
          if (problem) found.push(problem);
        }
      });
    }
    if (req.needsHealthCheck && req.requestedHealthCheckNodePort !== 0) {
      const problem = reservePort(req, req.requestedHealthCheckNodePort, 'spec.healthCheckNodePort', true, r);
      if (problem) found.push(problem);
      else svc.healthCheckNodePort = req.requestedHealthCheckNodePort;
    }
    if (found.length > 0 || invalid) {
      problems.push(...found);
      rollback(req);
    }
  }

  // Phase 2: everything not requested, in namespace/name order.
  const rest = requests.filter((req) => !failed.has(req)).map((req) => ({ req, k: key(req.service) }));
  rest.sort((a, b) => byString(a.k, b.k));
  for (const { req, k } of rest) {
    const svc = req.service;
    const r = reservations.get(req)!;
    let full: AllocationProblem | undefined;
    if (svc.type !== 'ExternalName' && !svc.headless && r.ip === undefined) {
      const offset = ips.next(k, svc);
      if (offset === undefined) {
        full = { resource: 'clusterIP', reason: 'range-full', service: svc, field: 'spec.clusterIPs', message: 'failed to allocate a serviceIP: range is full' };
      } else {
        r.ip = offset;
        svc.clusterIP = serviceIPAt(cidr, offset);
        svc.clusterIPs = [svc.clusterIP];
      }
    }
    if (!full && req.allocateNodePorts) {
      const byPortNumber = new Map<number, number>();
      for (const port of svc.ports) if (port.nodePort !== 0 && !byPortNumber.has(port.port)) byPortNumber.set(port.port, port.nodePort);
      for (let i = 0; i < svc.ports.length && !full; i++) {
        const port = svc.ports[i];
        if (port.nodePort !== 0) continue;
        const shared = byPortNumber.get(port.port);
        if (shared !== undefined) {
          port.nodePort = shared;
          continue;
        }
        const value = ports.next(`${k}:${port.port}`, svc);
        if (value === undefined) {
          full = { resource: 'nodePort', reason: 'range-full', service: svc, field: `spec.ports[${i}].nodePort`, message: 'failed to allocate a nodePort: range is full' };
        } else {
          r.ports.push(value);
          port.nodePort = value;
          byPortNumber.set(port.port, value);
        }
      }
    }
    if (!full && req.needsHealthCheck && svc.healthCheckNodePort === undefined) {
      const value = ports.next(`${k}:healthCheckNodePort`, svc);
      if (value === undefined) {
        full = { resource: 'nodePort', reason: 'range-full', service: svc, field: 'spec.healthCheckNodePort', message: 'failed to allocate a nodePort: range is full' };
      } else {
        r.ports.push(value);
        svc.healthCheckNodePort = value;
      }
    }
    if (full) {
      problems.push(full);
      rollback(req);
    }
  }
  return problems;
}

function key(svc: AdmittedService): string {
  return `${svc.namespace}/${svc.name}`;
}

/** Offset of `ip` from the CIDR's network address, or undefined when outside it (or of the other family). */
function ipOffset(cidr: Cidr, ip: IP): number | undefined {
  if (!cidrContains(cidr, ip)) return undefined;
  const d = ip.value - cidr.base;
  return d > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(d);
}
