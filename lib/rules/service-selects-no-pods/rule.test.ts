/** service-selects-no-pods: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, workload, yamlOf } from '../../../test/rules/helpers';

const web = workload('Deployment', 'web', { app: 'web', tier: 'frontend' }, { replicas: 2, ports: [{ containerPort: 80 }] });
const db = workload('Deployment', 'db', { app: 'db', tier: 'backend' }, { ports: [{ containerPort: 80 }] });

// Positions point at the selector's value: its first entry, on the line under `selector:`.
describe('service-selects-no-pods', () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'a typo in a value (seed: selector typo)',
      yamlOf(web, service('web', { app: 'wbe' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 2) + 1, message: ['Service default/web selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?'] }],
    ],
    [
      'a typo in a key',
      yamlOf(web, service('web', { ap: 'web' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 2) + 1, message: ['selects ap=web, but no pod', 'did you mean app=web (Deployment web)?'] }],
    ],
    [
      'one typo among several pairs',
      yamlOf(web, service('web', { app: 'web', tier: 'frontnd' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 2) + 1, message: ['selects app=web,tier=frontnd, but no pod in namespace default has all of those labels; did you mean tier=frontend (Deployment web)?'] }],
    ],
    [
      'the pods are in another namespace',
      yamlOf(workload('Deployment', 'web', { app: 'web' }, { namespace: 'shop', ports: [{ containerPort: 80 }] }), service('web', { app: 'web' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 2) + 1, message: ['pods in namespace shop (Deployment web) have these labels; a Service only selects pods in its own namespace'] }],
    ],
    [
      'a key that exists with other values only',
      yamlOf(web, db, service('web', { app: 'frontend' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 3) + 1, message: ['pods in namespace default carry app=db, app=web'] }],
    ],
    [
      'labels that exist, but on different pods',
      yamlOf(web, db, service('web', { app: 'web', tier: 'backend' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 3) + 1, message: ['each label exists, but on different pods: Deployment db lacks app=web'] }],
    ],
    [
      'a workload scaled to zero',
      yamlOf(workload('Deployment', 'web', { app: 'web' }, { replicas: 0, ports: [{ containerPort: 80 }] }), service('web', { app: 'web' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 2) + 1, message: ['Deployment web (0 replicas) has these labels but runs no pod'] }],
    ],
    [
      'a workload scaled to zero carrying every pair: no "lacks" hint with nothing to list',
      yamlOf(workload('Deployment', 'web', { app: 'web', tier: 'frontend' }, { replicas: 0, ports: [{ containerPort: 80 }] }), service('web', { app: 'web', tier: 'frontend' }, [{ port: 80 }])),
      (t) => [
        {
          rule: 'service-selects-no-pods',
          severity: 'error',
          field: 'spec.selector',
          line: lineOf(t, 'selector:', 2) + 1,
          message: ['Service default/web selects app=web,tier=frontend, but no pod in namespace default has all of those labels; Deployment web (0 replicas) has these labels but runs no pod'],
        },
      ],
    ],
    [
      'nothing anywhere',
      yamlOf(service('web', { app: 'web' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:') + 1, message: ['no pod or pod template in namespace default carries this label'] }],
    ],
    // kube-prometheus: prometheus-k8s selects the pods the Prometheus Operator makes from the
    // Prometheus resource k8s; lineup runs no operator, so it cannot tell, and only notes it.
    [
      'pods an operator makes from a custom resource of the namespace: a note',
      yamlOf(service('prometheus-k8s', { app: 'prometheus' }, [{ port: 9090 }]), { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s' }, spec: { replicas: 2 } }),
      (t) => [
        {
          rule: 'service-selects-no-pods',
          severity: 'info',
          field: 'spec.selector',
          line: lineOf(t, 'selector:') + 1,
          message: ['Service default/prometheus-k8s selects app=prometheus, but no pod in namespace default has that label; no pod or pod template of the input carries that label, but custom resources in namespace default (Prometheus k8s) may be turned into pods by their operator'],
        },
      ],
    ],
    [
      'a typo stays an error next to custom resources',
      yamlOf(web, service('web', { app: 'wbe' }, [{ port: 80 }]), { apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'k8s' }, spec: {} }),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:', 2) + 1, message: ['did you mean app=web (Deployment web)?'] }],
    ],
    [
      "Kubernetes' own API groups are not custom resources",
      yamlOf(service('web', { app: 'web' }, [{ port: 80 }]), { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: {} }, { apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'web' }, spec: {} }),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:') + 1, message: ['no pod or pod template in namespace default carries this label'] }],
    ],
    ['a selector that matches', yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }])), () => []],
    ['a selector-less Service (another rule)', yamlOf(web, service('web', undefined, [{ port: 80 }])), () => []],
    ['an ExternalName Service ignores its selector', yamlOf(service('web', { app: 'nope' }, [{ port: 80 }], { spec: { type: 'ExternalName', externalName: 'example.com' } })), () => []],
    [
      'a bare pod is named as the owner',
      yamlOf(pod('debug', { app: 'debug' }, [{ containerPort: 80 }]), service('debug', { app: 'debgu' }, [{ port: 80 }])),
      (t) => [{ rule: 'service-selects-no-pods', severity: 'error', field: 'spec.selector', line: lineOf(t, 'selector:') + 1, message: ['did you mean app=debug (Pod debug)?'] }],
    ],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    const found = check(text, 'service-selects-no-pods');
    expectFindings(found, expected(text));
    for (const f of found) expect(f.message).not.toMatch(/lacks ;|lacks $|\[object Object\]/);
  });
});
