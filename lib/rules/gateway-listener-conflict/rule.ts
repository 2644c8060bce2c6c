/**
 * gateway-listener-conflict: listeners of one Gateway that a controller cannot tell apart. They are
 * marked `Conflicted` and none of them is served.
 */
import type { Rule, RuleHit } from '../rule';

export const gatewayListenerConflict: Rule = {
  id: 'gateway-listener-conflict',
  severity: 'warning',
  title: 'Gateway listeners that conflict',
  explanation:
    'Every listener of a Gateway must be distinct: a request must belong to exactly one of them. Listeners on one ' +
    'port that use incompatible protocols (HTTP beside HTTPS or TCP) get `Conflicted: True` with reason ' +
    '`ProtocolConflict`; listeners with the same port, protocol and hostname (an absent hostname counts as the ' +
    'same) get `HostnameConflict`. A conformant controller serves none of the conflicting listeners — it never picks ' +
    'a winner — and sets the Gateway\'s `Accepted` reason to `ListenersNotValid`; routes attached only through them ' +
    'get no traffic. Give the listeners different ports or hostnames. (An exact duplicate of port, protocol and ' +
    'hostname is also rejected by the CRD, see gateway-api-validation.)',
  check({ cluster }) {
    const api = cluster.gatewayApi;
    const hits: RuleHit[] = [];
    for (const gw of api.gateways) {
      const status = api.gatewayStatus(gw);
      const conflicted = status.listeners.filter((l) => l.conflict);
      for (const l of conflicted) {
        const others = conflicted.filter((o) => o !== l && o.listener.port === l.listener.port).map((o) => `${o.listener.name} (${o.listener.protocol}${o.listener.hostname ? ` ${o.listener.hostname}` : ''})`);
        const why =
          l.conflict === 'ProtocolConflict'
            ? `port ${l.listener.port} is also used with an incompatible protocol by ${others.join(', ')}`
            : `${others.join(', ')} ${others.length > 1 ? 'have' : 'has'} the same port ${l.listener.port}, protocol ${l.listener.protocol} and hostname ${l.listener.hostname ?? '(none)'}`;
        hits.push({
          object: gw.obj,
          field: l.listener.field,
          message: `Gateway ${gw.namespace}/${gw.name} listener ${l.listener.name} is Conflicted (${l.conflict}): ${why}; a controller serves none of the conflicting listeners — give them different ports or hostnames`,
        });
      }
    }
    return hits;
  },
};
