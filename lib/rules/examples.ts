/**
 * Building blocks for the rules' documentation examples, so that every example is a complete,
 * realistic input: the "fixed" variant of each example must pass every rule (a test checks it).
 */

/** A Pod labelled `app: <app>` whose container declares one TCP port. */
export function examplePod(name: string, app: string, port: number, portName?: string): string {
  return [
    'apiVersion: v1', 'kind: Pod', 'metadata:', `  name: ${name}`, '  labels:', `    app: ${app}`, 'spec:', '  containers:', `  - name: ${name}`, '    image: nginx',
    '    ports:', ...(portName ? [`    - name: ${portName}`, `      containerPort: ${port}`] : [`    - containerPort: ${port}`]),
  ].join('\n');
}

/** A ClusterIP Service selecting `app: <app>` with one unnamed port; `spec` lines are inserted after `spec:`. */
export function exampleService(name: string, app: string, port: number, spec: string[] = [], portLines: string[] = []): string {
  return ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, 'spec:', ...spec, '  selector:', `    app: ${app}`, '  ports:', `  - port: ${port}`, ...portLines].join('\n');
}

/** Documents joined into one multi-document YAML text. */
export function yamlDocs(...docs: string[]): string {
  return docs.join('\n---\n');
}
