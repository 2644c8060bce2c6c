// Rendering only: the engine is replaced so these tests judge what the constructs write.
jest.mock('../../lib/engine', () => ({ checkObjects: () => [] }));

import { ExternalService } from '../../lib/constructs';
import { newChart, only, synth } from './helpers';

describe('ExternalService with Endpoints (seed 001: external-service)', () => {
  test('selector-less Service and Endpoints of the same name', () => {
    const chart = newChart();
    new ExternalService(chart, 'ext', {
      metadata: { name: 'external-service' },
      ports: [{ port: 80 }],
      addresses: ['11.11.11.11', '22.22.22.22'],
    });
    const svc = only(chart, 'Service');
    const ep = only(chart, 'Endpoints');
    expect(svc.spec).toEqual({ type: 'ClusterIP', ports: [{ port: 80 }] });
    expect(svc.spec.selector).toBeUndefined();
    expect(ep.apiVersion).toBe('v1');
    expect(ep.metadata).toEqual({ name: 'external-service' });
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '11.11.11.11' }, { ip: '22.22.22.22' }], ports: [{ port: 80 }] }]);
  });

  test('endpoint port names are the Service port names; numbers are the targetPorts', () => {
    const chart = newChart();
    const ext = new ExternalService(chart, 'db', {
      metadata: { name: 'db', namespace: 'data' },
      ports: [
        { name: 'pg', port: 5432, targetPort: 15432 },
        { name: 'metrics', port: 9187, protocol: 'TCP', appProtocol: 'http' },
      ],
      addresses: ['10.1.0.5'],
      notReadyAddresses: ['10.1.0.6'],
      clusterIP: '10.96.0.77',
      sessionAffinity: 'ClientIP',
    });
    ext.addAddress('10.1.0.7');
    ext.addPort({ name: 'dns', port: 53, protocol: 'UDP' });
    const svc = only(chart, 'Service');
    const ep = only(chart, 'Endpoints');
    expect(svc.metadata.namespace).toBe('data');
    expect(ep.metadata).toEqual({ name: 'db', namespace: 'data' });
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: '10.96.0.77',
      sessionAffinity: 'ClientIP',
      ports: [
        { name: 'pg', port: 5432, targetPort: 15432 },
        { name: 'metrics', port: 9187, protocol: 'TCP', appProtocol: 'http' },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    });
    expect(ep.subsets).toEqual([{
      addresses: [{ ip: '10.1.0.5' }, { ip: '10.1.0.7' }],
      notReadyAddresses: [{ ip: '10.1.0.6' }],
      ports: [
        { name: 'pg', port: 15432 },
        { name: 'metrics', port: 9187, protocol: 'TCP', appProtocol: 'http' },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ],
    }]);
    const servicePortNames = svc.spec.ports.map((p: any) => p.name);
    expect(ep.subsets[0].ports.map((p: any) => p.name)).toEqual(servicePortNames);
  });

  test('a named targetPort is kept on the Service; the endpoint listens on the port number', () => {
    const chart = newChart();
    new ExternalService(chart, 'x', { metadata: { name: 'x' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], addresses: ['192.0.2.1'] });
    expect(only(chart, 'Service').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }]);
    expect(only(chart, 'Endpoints').subsets[0].ports).toEqual([{ name: 'http', port: 80 }]);
  });

  test('no addresses yet: Endpoints without subsets', () => {
    const chart = newChart();
    new ExternalService(chart, 'x', { metadata: { name: 'x' }, ports: [{ port: 80 }] });
    expect(only(chart, 'Endpoints').subsets).toBeUndefined();
  });
});

describe('ExternalService with an EndpointSlice', () => {
  test('labels link it to the Service; port names match, unnamed is ""', () => {
    const chart = newChart();
    new ExternalService(chart, 'ext', {
      metadata: { name: 'external-service' },
      ports: [{ port: 80 }],
      addresses: ['11.11.11.11', '22.22.22.22'],
      endpointsKind: 'EndpointSlice',
    });
    const objs = synth(chart);
    expect(objs.map((o) => o.kind)).toEqual(['Service', 'EndpointSlice']);
    const slice = objs[1];
    expect(slice.apiVersion).toBe('discovery.k8s.io/v1');
    expect(slice.metadata).toEqual({
      name: 'external-service',
      labels: { 'kubernetes.io/service-name': 'external-service', 'endpointslice.kubernetes.io/managed-by': 'cdk8s-lineup' },
    });
    expect(slice.addressType).toBe('IPv4');
    expect(slice.endpoints).toEqual([
      { addresses: ['11.11.11.11'], conditions: { ready: true } },
      { addresses: ['22.22.22.22'], conditions: { ready: true } },
    ]);
    expect(slice.ports).toEqual([{ name: '', port: 80 }]);
  });

  test.each([
    [['2001:db8::1'], undefined, 'IPv6'],
    [['10.0.0.1', '10.0.0.2'], undefined, 'IPv4'],
    [['db.example.com'], undefined, 'FQDN'],
    [['10.0.0.1'], 'FQDN', 'FQDN'],
  ] as const)('addressType of %j (given %s) is %s', (addresses, given, expected) => {
    const chart = newChart();
    new ExternalService(chart, 'x', { ports: [{ name: 'http', port: 80, targetPort: 8080 }], addresses: [...addresses], endpointsKind: 'EndpointSlice', addressType: given });
    const slice = only(chart, 'EndpointSlice');
    expect(slice.addressType).toBe(expected);
    expect(slice.ports).toEqual([{ name: 'http', port: 8080 }]);
  });

  test('not-ready addresses are ready: false', () => {
    const chart = newChart();
    new ExternalService(chart, 'x', { ports: [{ port: 80 }], addresses: ['10.0.0.1'], notReadyAddresses: ['10.0.0.2'], endpointsKind: 'EndpointSlice' });
    expect(only(chart, 'EndpointSlice').endpoints).toEqual([
      { addresses: ['10.0.0.1'], conditions: { ready: true } },
      { addresses: ['10.0.0.2'], conditions: { ready: false } },
    ]);
  });
});
