/**
 * The seeds' topology for the picture: every example app of apps/ plus one broken chart — a Service
 * whose selector has a typo (app=shpo for pods labelled app=shop) and an Ingress routing to a Service
 * that does not exist (shop-frontend).
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import { addExampleCharts } from '../../apps/charts';
import { simulate, type Simulation } from '../../lib/simulate';

export function addBrokenShop(app: ReturnType<typeof Testing.app>): Chart {
  const chart = new Chart(app, 'broken-shop', { disableResourceNameHashes: true, namespace: 'shop' });
  new ApiObject(chart, 'deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'shop' } },
      template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'shop', image: 'shop:1.0', ports: [{ name: 'http', containerPort: 8080 }] }] } },
    },
  });
  new ApiObject(chart, 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'shop' },
    spec: { selector: { app: 'shpo' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  });
  new ApiObject(chart, 'ingress', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'shop' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'shop-frontend', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'shop', port: { name: 'http' } } } },
            ],
          },
        },
      ],
    },
  });
  return chart;
}

/** The example apps and the broken chart, simulated together. */
export function seedTopology(): Simulation {
  const app = Testing.app();
  addExampleCharts(app);
  addBrokenShop(app);
  return simulate(app);
}
