/**
 * One Deployment of N replicas (one container, a port named `http`) behind a Service that targets
 * the port by name: the input of bench/replicas.ts and of the replica tests, written once.
 */
export function replicatedApp(replicas: number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    `  replicas: ${replicas}`,
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: web}',
    'spec:',
    '  selector: {app: web}',
    '  ports: [{name: http, port: 80, targetPort: http}]',
    '',
  ].join('\n');
}
