import fc from 'fast-check';
import type { JsonObject } from '../../lib/k8s/json';
import { renderFieldError, validateObject } from '../../lib/validation';

const V131 = { major: 1, minor: 31 };

describe('validateObject', () => {
  test('applies defaulting before validating a Service', () => {
    const raw = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const before = JSON.stringify(raw);
    expect(validateObject('Service', 'v1', raw, V131)).toEqual([]);
    expect(JSON.stringify(raw)).toBe(before);
  });
  test('Endpoints ports get their protocol before validation', () => {
    expect(validateObject('Endpoints', 'v1', { metadata: { name: 'db' }, subsets: [{ addresses: [{ ip: '10.0.0.5' }], ports: [{ port: 5432 }] }] }, V131)).toEqual([]);
  });
  test('EndpointSlice ports get their protocol before validation', () => {
    expect(validateObject('EndpointSlice', 'discovery.k8s.io/v1', { metadata: { name: 'db-1' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.5'] }], ports: [{ port: 5432 }] }, V131)).toEqual([]);
  });
  test('an Ingress error', () => {
    expect(validateObject('Ingress', 'networking.k8s.io/v1', { metadata: { name: 'x' }, spec: {} }, V131)!.map(renderFieldError)).toEqual([
      'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
    ]);
  });
  test.each([
    ['Pod', 'v1'],
    ['Deployment', 'apps/v1'],
    ['Ingress', 'extensions/v1beta1'],
    ['EndpointSlice', 'discovery.k8s.io/v1beta1'],
    ['Service', 'v2'],
  ])('%s %s is not validated', (kind, apiVersion) => {
    expect(validateObject(kind, apiVersion, { metadata: { name: 'x' } }, V131)).toBeUndefined();
  });
});

describe('malformed objects of every shape: errors, never exceptions', () => {
  const kinds: [string, string][] = [
    ['Service', 'v1'],
    ['Endpoints', 'v1'],
    ['EndpointSlice', 'discovery.k8s.io/v1'],
    ['Ingress', 'networking.k8s.io/v1'],
  ];
  const weird: unknown[] = [null, 0, -1, 1.5, 'x', '80', true, [], [null], ['x'], [1], {}, { a: 1 }, [{}], [{ port: 'x' }], [[]]];

  test.each(kinds)('%s: every top-level and spec field replaced by every wrong shape', (kind, apiVersion) => {
    const fields: Record<string, string[]> = {
      Service: ['spec', 'metadata', 'spec.ports', 'spec.selector', 'spec.type', 'spec.clusterIP', 'spec.clusterIPs', 'spec.externalIPs', 'spec.sessionAffinity', 'spec.sessionAffinityConfig', 'spec.externalName', 'spec.ipFamilies', 'spec.loadBalancerSourceRanges', 'spec.externalTrafficPolicy', 'spec.internalTrafficPolicy', 'spec.healthCheckNodePort', 'spec.allocateLoadBalancerNodePorts'],
      Endpoints: ['subsets', 'metadata', 'metadata.labels', 'metadata.annotations'],
      EndpointSlice: ['endpoints', 'ports', 'addressType', 'metadata'],
      Ingress: ['spec', 'spec.rules', 'spec.defaultBackend', 'spec.tls', 'spec.ingressClassName', 'metadata'],
    };
    for (const f of fields[kind]) {
      for (const value of weird) {
        const raw: Record<string, unknown> = { apiVersion, kind, metadata: { name: 'x' }, spec: { type: 'ClusterIP' } };
        const [a, b] = f.split('.');
        if (b === undefined) raw[a] = value;
        else (raw[a] as Record<string, unknown>)[b] = value;
        let result: ReturnType<typeof validateObject>;
        expect(() => (result = validateObject(kind, apiVersion, raw as JsonObject, V131))).not.toThrow();
        expect(Array.isArray(result!)).toBe(true);
        for (const e of result!) {
          expect(typeof renderFieldError(e)).toBe('string');
          expect(e.detail ?? '').not.toMatch(/internal error/);
        }
      }
    }
  });

  test('wrong shapes at the leaves report an error on a path below the field', () => {
    const raw = { metadata: { name: 'x' }, spec: { ports: [{ port: 'x', targetPort: [], nodePort: {}, protocol: 1, name: false }] } };
    const rendered = validateObject('Service', 'v1', raw as unknown as JsonObject, V131)!.map(renderFieldError);
    expect(rendered).toEqual([
      'spec.ports[0].name: Invalid value: false: must be a string',
      'spec.ports[0].protocol: Invalid value: 1: must be a string',
      'spec.ports[0].port: Invalid value: "x": must be an integer',
      'spec.ports[0].targetPort: Invalid value: []: must be an integer or a string',
      'spec.ports[0].nodePort: Invalid value: {}: must be an integer',
    ]);
  });

  test('property: arbitrary JSON anywhere never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.jsonValue(), fc.jsonValue(), (kindAndVersion, spec, extra) => {
        const [kind, apiVersion] = kindAndVersion;
        const raw = { apiVersion, kind, metadata: { name: 'x' }, spec, subsets: extra, endpoints: extra, ports: extra } as unknown as JsonObject;
        const result = validateObject(kind, apiVersion, raw, V131);
        if (!Array.isArray(result)) return false;
        return result.every((e) => typeof renderFieldError(e) === 'string' && !(e.detail ?? '').includes('internal error'));
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
