/** service-target-port-unresolved: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

describe('service-target-port-unresolved', () => {
  const kubiaPod = (ports: { name?: string; containerPort: number; protocol?: string }[], name = 'kubia') => pod(name, { app: 'kubia' }, ports);
  const kubiaSvc = service('kubia', { app: 'kubia' }, [
    { name: 'http', port: 80, targetPort: 'http' },
    { name: 'https', port: 443, targetPort: 'https' },
  ]);
  const cases: Case[] = [
    ['seed: named ports declared by the pod', yamlOf(kubiaPod([{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }]), kubiaSvc), () => []],
    [
      'seed broken: a named targetPort the pod does not declare',
      yamlOf(kubiaPod([{ name: 'http', containerPort: 8080 }, { name: 'web', containerPort: 8443 }]), kubiaSvc),
      (t) => [
        {
          rule: 'service-target-port-unresolved',
          severity: 'error',
          field: 'spec.ports[1].targetPort',
          line: lineOf(t, 'targetPort: https'),
          message: [
            'Service default/kubia port https (443/TCP) targets the container port named "https", but no selected pod declares a TCP port with that name, so this port has no endpoints and connections are refused',
            'the selected containers declare http (8080/TCP), web (8443/TCP)',
          ],
        },
      ],
    ],
    [
      'a near miss in the name',
      yamlOf(kubiaPod([{ name: 'htp', containerPort: 8080 }, { name: 'https', containerPort: 8443 }]), kubiaSvc),
      (t) => [{ rule: 'service-target-port-unresolved', severity: 'error', field: 'spec.ports[0].targetPort', line: lineOf(t, 'targetPort: http'), message: ['did you mean "htp"?'] }],
    ],
    [
      'seed broken: the named port is declared with the wrong protocol',
      yamlOf(kubiaPod([{ name: 'http', containerPort: 8080, protocol: 'UDP' }, { name: 'https', containerPort: 8443 }]), kubiaSvc),
      (t) => [
        {
          rule: 'service-target-port-unresolved',
          severity: 'error',
          field: 'spec.ports[0].targetPort',
          line: lineOf(t, 'targetPort: http'),
          message: ['"http" is declared as UDP (container kubia, 8080/UDP)', "only matches a container port of the Service port's protocol (TCP)"],
        },
      ],
    ],
    [
      'only some selected pods lack the port (warning)',
      yamlOf(
        workload('Deployment', 'kubia-v1', { app: 'kubia', v: '1' }, { replicas: 2, ports: [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }] }),
        workload('Deployment', 'kubia-v2', { app: 'kubia', v: '2' }, { ports: [{ name: 'web', containerPort: 8080 }, { name: 'https', containerPort: 8443 }] }),
        kubiaSvc,
      ),
      (t) => [
        {
          rule: 'service-target-port-unresolved',
          severity: 'warning',
          field: 'spec.ports[0].targetPort',
          line: lineOf(t, 'targetPort: http'),
          message: ['targets the container port named "http", which 1 of 3 selected pods do not declare with protocol TCP (Deployment kubia-v2: 1 pod)', 'those containers declare https (8443/TCP), web (8080/TCP)'],
        },
      ],
    ],
    ['no selected pods: left to service-selects-no-pods', yamlOf(kubiaSvc), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => expectFindings(check(text, 'service-target-port-unresolved'), expected(text)));
});
