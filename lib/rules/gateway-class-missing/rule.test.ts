/** gateway-class-missing: table-driven cases, each with the exact finding expected. */
import { check, docs, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'gateway-class-missing';
const gateway = (cls: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: ${cls}\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP`;
const klass = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: example\nspec:\n  controllerName: example.com/gateway-controller';

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: a misspelt class', ruleExample(ID).broken, (t) => [{ rule: ID, severity: 'warning', field: 'spec.gatewayClassName', line: lineOf(t, 'gatewayClassName: exmaple'), message: ['names GatewayClass "exmaple", which is not in the input', "the input's GatewayClasses: example"] }]],
  ['no GatewayClass in the input at all', gateway('example') + '\n', (t) => [{ rule: ID, severity: 'warning', field: 'spec.gatewayClassName', line: lineOf(t, 'gatewayClassName'), message: ['the input has no GatewayClass'] }]],
  ['the class exists', docs(klass, gateway('example')), () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
