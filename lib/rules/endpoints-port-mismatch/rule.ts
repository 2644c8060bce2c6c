/**
 * endpoints-port-mismatch: kube-proxy joins a Service port to endpoint ports by name (and protocol).
 * Manual Endpoints whose port names differ from the Service's leave that Service port without
 * endpoints — the most common mistake with selector-less Services after a misnamed object.
 */
import type { SimService } from '../../cluster/model';
import { arr, int, obj, str } from '../../k8s/json';
import type { ManifestObject } from '../../load/types';
import { objectLabel, serviceLabel, servicePortLabel } from '../support/describe';
import { isEndpointSliceObject, isEndpointsObject, sliceServiceName } from '../support/endpoint-objects';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

export const endpointsPortMismatch: Rule = {
  id: 'endpoints-port-mismatch',
  severity: 'error',
  title: 'Manual endpoint ports whose names do not match the Service ports',
  explanation:
    'For a selector-less Service, kube-proxy pairs each Service port with the ports of its Endpoints (or ' +
    'EndpointSlices) by port name and protocol — not by number. An unnamed Service port only matches an unnamed ' +
    'endpoint port, and a Service port `http` only an endpoint port named `http`. When the names differ, the Service ' +
    'port has no endpoints (connections are refused) while the addresses in the Endpoints receive nothing. Give the ' +
    'endpoint ports exactly the names (and protocols) of the Service ports; with a single unnamed Service port, leave ' +
    'the endpoint port unnamed too.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    // Indexed by namespace/name once: a per-(Service, Endpoints) scan would be quadratic.
    const byName = new Map<string, ManifestObject[]>();
    const slicesFor = new Map<string, ManifestObject[]>();
    for (const o of cluster.objectsOfKind('Endpoints')) if (isEndpointsObject(o)) push(byName, `${o.namespace}/${o.name}`, o);
    for (const o of cluster.objectsOfKind('EndpointSlice')) {
      const svcName = isEndpointSliceObject(o) ? sliceServiceName(o) : undefined;
      if (svcName !== undefined) push(slicesFor, `${o.namespace}/${svcName}`, o);
    }
    for (const svc of cluster.services) {
      if (!svc.obj || svc.selector || svc.type === 'ExternalName' || svc.ports.length === 0) continue;
      for (const o of byName.get(`${svc.namespace}/${svc.name}`) ?? []) {
        const ports: EndpointPortRef[] = [];
        arr(o.raw.subsets).forEach((subset, i) => {
          arr(obj(subset)?.ports).forEach((p, j) => ports.push(portRef(p, `subsets[${i}].ports[${j}]`)));
        });
        hits.push(...compare(svc, o, ports));
      }
      for (const o of slicesFor.get(`${svc.namespace}/${svc.name}`) ?? []) {
        // A slice without `ports` means "all ports" (nil port): nothing to mismatch.
        if (!Array.isArray(o.raw.ports)) continue;
        hits.push(...compare(svc, o, arr(o.raw.ports).map((p, j) => portRef(p, `ports[${j}]`))));
      }
    }
    return hits;
  },
};

interface EndpointPortRef {
  name: string;
  port?: number;
  protocol: string;
  field: string;
  named: boolean;
}

function push(map: Map<string, ManifestObject[]>, key: string, o: ManifestObject): void {
  const list = map.get(key);
  if (list) list.push(o);
  else map.set(key, [o]);
}

function portRef(p: unknown, field: string): EndpointPortRef {
  const rec = obj(p);
  const name = str(rec?.name);
  return { name: name ?? '', port: int(rec?.port), protocol: str(rec?.protocol) ?? 'TCP', field, named: name !== undefined && name !== '' };
}

function quoteName(name: string): string {
  return name === '' ? 'unnamed' : `"${name}"`;
}

function compare(svc: SimService, o: ManifestObject, ports: EndpointPortRef[]): RuleHit[] {
  const hits: RuleHit[] = [];
  const svcNames = svc.ports.map((p) => p.name);
  const svcPortsText = svc.ports.map((p) => `${quoteName(p.name)} ${p.port}/${p.protocol}`).join(', ');
  const covered = new Set<number>();
  for (const ep of ports) {
    const byName = svc.ports.find((p) => p.name === ep.name);
    if (byName && byName.protocol === ep.protocol) {
      covered.add(byName.index);
      continue;
    }
    const what = `${objectLabel(o)} port ${quoteName(ep.name)}${ep.port !== undefined ? ` (${ep.port}/${ep.protocol})` : ''}`;
    let fix: string;
    if (byName) {
      fix = `the names agree but the protocols do not (${ep.protocol} here, ${byName.protocol} on the Service) — make them agree`;
    } else if (svc.ports.length === 1) {
      fix = svc.ports[0].name === '' ? 'remove the name from the endpoint port (the Service port is unnamed)' : `name the endpoint port "${svc.ports[0].name}"`;
    } else {
      const near = closest(ep.name, svcNames.filter((n) => n !== ''));
      fix = near !== undefined ? `did you mean "${near}"?` : `rename it to one of the Service's port names`;
    }
    hits.push({
      object: o,
      field: ep.named ? `${ep.field}.name` : ep.field,
      message:
        `${what} matches no port of ${serviceLabel(svc)} (${svcPortsText}); kube-proxy pairs endpoint ports with Service ports by name ` +
        `and protocol, so these addresses get no traffic; ${fix}`,
    });
  }
  // Service ports that no endpoint port serves, when every endpoint port matched (else the hits above already explain it).
  if (hits.length === 0 && ports.length > 0) {
    for (const p of svc.ports) {
      if (covered.has(p.index)) continue;
      hits.push({
        object: o,
        field: ports[0].field.replace(/\[\d+\]$/, ''),
        message:
          `${objectLabel(o)} has no port named ${quoteName(p.name)} with protocol ${p.protocol}, so ${serviceLabel(svc)} ${servicePortLabel(p)} ` +
          `has no endpoints and connections to it are refused; add a port with that name to the endpoints`,
      });
    }
  }
  return hits;
}
