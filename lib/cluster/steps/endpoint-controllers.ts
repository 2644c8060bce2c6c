/**
 * The endpoints, EndpointSlice and EndpointSlice mirroring controllers. Manual Endpoints and
 * slices come from the input (and the API server's own for `kubernetes`); for a Service with a
 * selector the endpoints controller replaces its Endpoints and the EndpointSlice controller writes
 * its slices; manual Endpoints of a Service without one are mirrored into slices.
 *
 * What the controllers write for a Service is computed when first asked for and kept: a check asks
 * for the endpoints of a few Services, not for the 10,000 Endpoints and slices of a large input,
 * while `get`, `dns` and `iptables-save` ask for them all (`endpoints()`, `endpointSlices()`).
 * A Service's result depends only on that Service, its selected pods, the nodes and its manual
 * Endpoints, so computing them one at a time gives what computing them all at once does.
 */
import { parseIP } from '../../k8s/ip';
import { builtinObject, kubernetesEndpointsRaw, APISERVER_PORT } from '../builtin';
import { ByNamespaceName, compareNsName, type ClusterIndex } from '../cluster-index';
import { computeEndpoints } from '../endpoints-controller';
import { computeEndpointSlices } from '../endpointslice-controller';
import { ServicePortResolver } from '../find-port';
import { builtinEndpoints, builtinEndpointSlice, manualEndpoints, manualEndpointSlice, mirrorEndpoints } from '../manual-endpoints';
import type { SimEndpoints, SimEndpointSlice, SimNode, SimService } from '../model';
import { guarded } from './guarded';
import type { SortedInput } from './sort-input';

/** What the controllers write for one Service. */
interface WrittenForService {
  /** The endpoints controller's Endpoints (selector), else the manual Endpoints of the same name. */
  endpoints?: SimEndpoints;
  /** Written by the EndpointSlice controller (selector). */
  controllerSlices: SimEndpointSlice[];
}

export class EndpointControllers {
  /** Manual Endpoints by namespace and name, in input order (built-in first). */
  readonly #manualEndpoints = new Map<string, SimEndpoints>();
  readonly #manualSlices: SimEndpointSlice[] = [];
  readonly #manualSlicesByService = new ByNamespaceName<SimEndpointSlice[]>();
  readonly #written = new Map<SimService, WrittenForService>();
  readonly #mirrored = new Map<SimService, SimEndpointSlice[]>();
  readonly #slicesByService = new ByNamespaceName<SimEndpointSlice[]>();
  #allEndpoints: SimEndpoints[] | undefined;
  #allSlices: SimEndpointSlice[] | undefined;

  constructor(
    input: SortedInput,
    private readonly services: readonly SimService[],
    private readonly index: ClusterIndex,
    private readonly nodes: SimNode[],
    builtinKubernetes: boolean,
  ) {
    for (const o of input.endpoints) {
      const ep = guarded(manualEndpoints, o);
      if (ep) this.#manualEndpoints.set(`${ep.namespace}/${ep.name}`, ep);
    }
    const apiserverIP = nodes[0]?.ip ?? '';
    if (builtinKubernetes && !this.#manualEndpoints.has('default/kubernetes')) {
      this.#manualEndpoints.set('default/kubernetes', builtinEndpoints(builtinObject(kubernetesEndpointsRaw(apiserverIP), 'default', 'kubernetes')));
    }
    for (const o of input.slices) {
      const slice = guarded(manualEndpointSlice, o);
      if (slice) this.#manualSlices.push(slice);
    }
    if (builtinKubernetes && apiserverIP && !input.slices.some((o) => o.namespace === 'default' && o.name === 'kubernetes')) {
      this.#manualSlices.push(kubernetesSlice(apiserverIP));
    }
    // Manual slices by the Service they are labelled with, in input order.
    for (const slice of this.#manualSlices) {
      if (slice.serviceName === undefined) continue;
      const list = this.#manualSlicesByService.get(slice.namespace, slice.serviceName);
      if (list) list.push(slice);
      else this.#manualSlicesByService.set(slice.namespace, slice.serviceName, [slice]);
    }
  }

  /** The Endpoints named after a Service: the controller's, else the manual ones. */
  endpointsOf(namespace: string, name: string): SimEndpoints | undefined {
    const svc = this.index.service(namespace, name);
    return svc ? this.#of(svc).endpoints : this.#manualEndpoints.get(`${namespace}/${name}`);
  }

  /**
   * A Service's slices in the order of the whole list (manual, the controller's, mirrored; stably
   * sorted by namespace and name), so that a look-up equals a filter of `endpointSlices()`.
   */
  slicesOf(namespace: string, name: string): SimEndpointSlice[] {
    let list = this.#slicesByService.get(namespace, name);
    if (!list) {
      const svc = this.index.service(namespace, name);
      const out = svc ? this.#of(svc) : undefined;
      list = [...(this.#manualSlicesByService.get(namespace, name) ?? []), ...(out?.controllerSlices ?? []), ...(svc ? this.#mirroredOf(svc) : [])].sort(compareNsName);
      this.#slicesByService.set(namespace, name, list);
    }
    return list.slice();
  }

  /** Every Endpoints object, controller-made and manual, sorted by namespace and name. */
  endpoints(): SimEndpoints[] {
    if (!this.#allEndpoints) {
      const byKey = new Map(this.#manualEndpoints);
      for (const svc of this.services) {
        const ep = this.#of(svc).endpoints;
        if (ep) byKey.set(`${svc.namespace}/${svc.name}`, ep);
      }
      this.#allEndpoints = [...byKey.values()].sort(compareNsName);
    }
    return this.#allEndpoints;
  }

  /** Every EndpointSlice: manual, the controller's, mirrored; sorted by namespace and name. */
  endpointSlices(): SimEndpointSlice[] {
    if (!this.#allSlices) {
      const slices = [...this.#manualSlices];
      for (const svc of this.services) slices.push(...this.#of(svc).controllerSlices);
      // Mirrored slices in the order of the manual Endpoints they come from.
      for (const ep of this.#manualEndpoints.values()) {
        const svc = this.index.service(ep.namespace, ep.name);
        if (svc) slices.push(...this.#mirroredOf(svc));
      }
      this.#allSlices = slices.sort(compareNsName);
    }
    return this.#allSlices;
  }

  #of(svc: SimService): WrittenForService {
    let out = this.#written.get(svc);
    if (out) return out;
    let endpoints: SimEndpoints | undefined;
    let controllerSlices: SimEndpointSlice[] = [];
    if (svc.selector && svc.type !== 'ExternalName') {
      // One resolver for both controllers: they resolve the same ports of the same pods.
      const resolver = new ServicePortResolver(svc);
      endpoints = guarded(computeEndpoints, svc, resolver);
      controllerSlices = guarded(computeEndpointSlices, svc, this.nodes, resolver) ?? [];
    }
    endpoints ??= this.#manualEndpoints.get(`${svc.namespace}/${svc.name}`);
    out = { endpoints, controllerSlices };
    this.#written.set(svc, out);
    return out;
  }

  /** Slices mirrored from the Service's manual Endpoints (no selector, or the controller could not run). */
  #mirroredOf(svc: SimService): SimEndpointSlice[] {
    let slices = this.#mirrored.get(svc);
    if (slices) return slices;
    const endpoints = this.#of(svc).endpoints;
    slices = endpoints && endpoints.origin === 'manual' && endpoints.obj ? (guarded(mirrorEndpoints, endpoints, svc) ?? []) : [];
    this.#mirrored.set(svc, slices);
    return slices;
  }
}

/** The API server's own EndpointSlice for `kubernetes` (it writes it directly; nothing mirrors it). */
function kubernetesSlice(apiserverIP: string): SimEndpointSlice {
  const family = parseIP(apiserverIP)?.family ?? 'IPv4';
  const raw = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: family,
    endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
  };
  return builtinEndpointSlice(builtinObject(raw, 'default', 'kubernetes'));
}
