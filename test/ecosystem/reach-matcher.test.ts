/**
 * toReach: can a client's pods open connections to a Service port? kube-proxy translates first
 * (kubernetes pkg/proxy/iptables/proxier.go, KUBE-SEP DNAT), then NetworkPolicy judges the client's
 * egress side and each endpoint's ingress side on the targetPort (kubernetes
 * staging/src/k8s.io/api/networking/v1/types.go; the e2e suite test/e2e/network/netpol probes every
 * pair through the Service IP). Pass, fail and the exact failure text, both ways.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterIPService } from '../../lib/constructs';
import '../../lib/testing';

type Spec = Record<string, unknown>;

/** Deployment web (2 × app=web, port http 8080), frontend and batch clients, Service web (80 → http), a default deny and `allow`. */
function shop(allow: Spec | undefined, opts: { webReplicas?: number; denyAll?: boolean; extra?: (policy: (name: string, spec: Spec) => void, deployment: (name: string, replicas: number, labels: Record<string, string>, ports?: object[]) => void) => void } = {}): Chart {
  const chart = new Chart(Testing.app(), 'test', { disableResourceNameHashes: true });
  const deployment = (name: string, replicas: number, labels: Record<string, string>, ports: object[] = []): ApiObject =>
    new ApiObject(chart, name, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image: `${name}:1`, ports }] } } },
    });
  deployment('web', opts.webReplicas ?? 2, { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
  deployment('frontend', 1, { app: 'frontend' });
  deployment('batch', 1, { app: 'batch' });
  new ApiObject(chart, 'service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  const policy = (name: string, spec: Spec): ApiObject => new ApiObject(chart, name, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
  if (opts.denyAll !== false) policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
  if (allow) policy('web-from-frontend', allow);
  opts.extra?.(policy, deployment);
  return chart;
}

const fromFrontend = (port: object) => ({ podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [port] }] });
/** The README's mistake: the Service port, where policies see the targetPort. */
const SERVICE_PORT = fromFrontend({ port: 80 });
const TARGET_PORT = fromFrontend({ port: 'http' });

function failure(assertion: () => void): string | undefined {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

const FRONTEND = 'default/frontend-85666c478-7fw5j';
const WEB = ['default/web-654886ccb9-t9lz7', 'default/web-654886ccb9-xnblp'];
const WEB_IP = ['10.244.1.4', '10.244.2.2'];
const allowedLine = (i: number) => `  ${FRONTEND} → ${WEB[i]} ${WEB_IP[i]}:8080: allowed (egress: not isolated; ingress: NetworkPolicy default/web-from-frontend spec.ingress[0])`;
const deniedLine = (i: number) =>
  `  ${FRONTEND} → ${WEB[i]} ${WEB_IP[i]}:8080: denied — NetworkPolicies default/default-deny, default/web-from-frontend isolate pod ${WEB[i]} for ingress, and no rule allows from pod ${FRONTEND} on TCP 8080; an ingress rule that would: {from: [{podSelector: {matchLabels: {app: frontend}}}], ports: [{port: 8080}]}`;
const EXPECTED_ALLOWED = ['expect(received).not.toReach("web", { from: "frontend", port: "http" })', '', 'Deployment default/frontend (1 pod) → Service default/web port http 80/TCP: every connection is allowed (2 connections)', allowedLine(0), allowedLine(1)].join('\n');
const EXPECTED_DENIED = ['expect(received).toReach("web", { from: "frontend", port: "http" })', '', 'Deployment default/frontend (1 pod) → Service default/web port http 80/TCP: every connection is denied (2 connections)', deniedLine(0), deniedLine(1)].join('\n');

describe('toReach', () => {
  test('pass: the policy admits the client on the targetPort; .not fails and says what lets it through', () => {
    expect(shop(TARGET_PORT)).toReach('web', { from: 'frontend', port: 'http' });
    expect(failure(() => expect(shop(TARGET_PORT)).not.toReach('web', { from: 'frontend', port: 'http' }))).toBe(EXPECTED_ALLOWED);
  });

  test('fail: the policy names the Service port; the message names the policy, the direction and the rule that would allow it', () => {
    expect(shop(SERVICE_PORT)).not.toReach('web', { from: 'frontend', port: 'http' });
    expect(failure(() => expect(shop(SERVICE_PORT)).toReach('web', { from: 'frontend', port: 'http' }))).toBe(EXPECTED_DENIED);
  });

  test('the client by namespace/Kind/name or by pod, the port by number or left out (the Service has one)', () => {
    const chart = shop(TARGET_PORT);
    expect(chart).toReach('web', { from: 'default/Deployment/frontend', port: 80 });
    expect(chart).toReach('default/web', { from: FRONTEND.split('/')[1] });
    expect(chart).toReach('web', { from: FRONTEND });
    expect(chart).not.toReach('web', { from: 'batch' });
  });

  test("the client's egress side: the message names the egress policy and the egress rule that would allow it", () => {
    const chart = shop(undefined, { denyAll: false, extra: (policy) => policy('frontend-out', { podSelector: { matchLabels: { app: 'frontend' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }) });
    expect(chart).not.toReach('web', { from: 'frontend' });
    expect(failure(() => expect(chart).toReach('web', { from: 'frontend' }))).toBe(
      [
        'expect(received).toReach("web", { from: "frontend" })',
        '',
        'Deployment default/frontend (1 pod) → Service default/web port http 80/TCP: every connection is denied (2 connections)',
        ...[0, 1].map(
          (i) =>
            `  ${FRONTEND} → ${WEB[i]} ${WEB_IP[i]}:8080: denied — NetworkPolicy default/frontend-out isolates pod ${FRONTEND} for egress, and no rule allows to pod ${WEB[i]} on TCP 8080; an egress rule that would: {to: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}`,
        ),
      ].join('\n'),
    );
  });

  test('some connections allowed, some denied: toReach and .not.toReach both fail, listing each', () => {
    const chart = shop(undefined, {
      denyAll: false,
      extra: (policy, deployment) => {
        deployment('web-canary', 1, { app: 'web', track: 'canary' }, [{ name: 'http', containerPort: 8080 }]);
        policy('canary-closed', { podSelector: { matchLabels: { track: 'canary' } }, policyTypes: ['Ingress'] });
      },
    });
    const yes = failure(() => expect(chart).toReach('web', { from: 'frontend' }));
    const no = failure(() => expect(chart).not.toReach('web', { from: 'frontend' }));
    const body = (text: string | undefined) => text?.split('\n').slice(1);
    expect(yes?.split('\n')[0]).toBe('expect(received).toReach("web", { from: "frontend" })');
    expect(no?.split('\n')[0]).toBe('expect(received).not.toReach("web", { from: "frontend" })');
    expect(body(yes)).toEqual(body(no));
    expect(body(yes)?.slice(1, 3)).toEqual(['Deployment default/frontend (1 pod) → Service default/web port http 80/TCP: 1 of 3 connections denied, 2 allowed', expect.stringMatching(/^ {2}default\/frontend-85666c478-7fw5j → default\/web-canary-[a-z0-9]+-[a-z0-9]+ 10\.244\.\d+\.\d+:8080: denied — NetworkPolicy default\/canary-closed isolates pod default\/web-canary-/)]);
    expect(body(yes)?.slice(3)).toEqual([`  ${FRONTEND} → ${WEB[0]} ${WEB_IP[0]}:8080: allowed (egress: not isolated; ingress: not isolated)`, expect.stringMatching(/: allowed \(egress: not isolated; ingress: not isolated\)$/)]);
  });

  test('many connections: ten of each verdict shown, the rest counted', () => {
    const message = failure(() => expect(shop(SERVICE_PORT, { webReplicas: 12 })).toReach('web', { from: 'frontend' }))!.split('\n');
    expect(message[2]).toBe('Deployment default/frontend (1 pod) → Service default/web port http 80/TCP: every connection is denied (12 connections)');
    expect(message.slice(3).filter((l) => l.includes(': denied — '))).toHaveLength(10);
    expect(message[message.length - 1]).toBe('  … and 2 more denied connections');
  });

  test('a question without an answer fails both ways, saying why', () => {
    const chart = shop(TARGET_PORT);
    expect(failure(() => expect(chart).toReach('web', { from: 'nope' }))).toBe('expect(received).toReach("web", { from: "nope" })\n\nno pod or workload default/nope');
    expect(failure(() => expect(chart).not.toReach('web', { from: 'nope' }))).toBe('expect(received).not.toReach("web", { from: "nope" })\n\nno pod or workload default/nope');
    expect(failure(() => expect(chart).not.toReach('api', { from: 'frontend' }))).toBe('expect(received).not.toReach("api", { from: "frontend" })\n\nno Service default/api');
    expect(failure(() => expect(chart).toReach('web', { from: 'frontend', port: 'grpc' }))).toBe('expect(received).toReach("web", { from: "frontend", port: "grpc" })\n\nService default/web has no port "grpc" (ports: http 80/TCP)');
  });
});

describe("the README's toReach example", () => {
  /** The chart of the README's jest example, built the same way. */
  function readmeChart(): Chart {
    const chart = new Chart(Testing.app(), 'shop', { disableResourceNameHashes: true });
    const one = (image: string, ports: kplus.ContainerPort[] = []) => ({ replicas: 1, containers: [{ image, ports, securityContext: { ensureNonRoot: false } }] });
    const web = new kplus.Deployment(chart, 'web', { metadata: { name: 'web' }, ...one('nginx', [{ number: 8080, name: 'http' }]) });
    const frontend = new kplus.Deployment(chart, 'frontend', { metadata: { name: 'frontend' }, ...one('frontend') });
    new kplus.Deployment(chart, 'batch', { metadata: { name: 'batch' }, ...one('batch') });
    const svc = new ClusterIPService(chart, 'web-svc', { metadata: { name: 'web' }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    svc.allowFrom(frontend, { ports: ['http'] });
    return chart;
  }

  test('the failure message the README shows is the one toReach gives', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const message = failure(() => expect(readmeChart()).toReach('web', { from: 'batch' }))!;
    expect(readme).toContain('```text\n' + message + '\n```');
  });
});
