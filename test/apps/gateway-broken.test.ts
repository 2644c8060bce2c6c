/** apps/gateway-broken.ts: the Gateway API example with one mistake per Gateway API rule, each reported where it was made. */
import { App } from 'cdk8s';
import { GatewayBrokenChart } from '../../apps/gateway-broken';
import { lineupFindings } from '../../lib/constructs';

test('every Gateway API rule reports its mistake, on the object and field that has it', () => {
  const { findings } = lineupFindings(new GatewayBrokenChart(new App()));
  const seen = findings.map((f) => [f.rule, `${f.object?.kind} ${f.object?.namespace}/${f.object?.name}`, f.field]);
  expect(seen).toEqual(
    expect.arrayContaining([
      ['gateway-api-validation', 'HTTPRoute shop/api', 'spec.rules[2]'],
      ['route-parent-not-found', 'HTTPRoute shop/api', 'spec.parentRefs[0].sectionName'],
      ['route-not-accepted', 'HTTPRoute shop/storefront', 'spec.hostnames'],
      ['route-backend-not-found', 'HTTPRoute shop/api', 'spec.rules[0].backendRefs[0].name'],
      ['route-backend-port-missing', 'HTTPRoute shop/storefront', 'spec.rules[0].backendRefs[0].port'],
      ['route-backend-not-permitted', 'HTTPRoute shop/api', 'spec.rules[1].backendRefs[0].namespace'],
      ['route-match-shadowed', 'HTTPRoute shop/api', 'spec.rules[1].matches[0]'],
      ['gateway-listener-conflict', 'Gateway shop-infra/shop', 'spec.listeners[0]'],
      ['gateway-listener-conflict', 'Gateway shop-infra/shop', 'spec.listeners[1]'],
      ['gateway-class-missing', 'Gateway shop-infra/legacy', 'spec.gatewayClassName'],
    ]),
  );
  // Each finding leads to the construct that declared the object.
  expect(findings.every((f) => f.constructPath !== undefined)).toBe(true);
});
