/**
 * ingress-tls-secret-missing: a TLS secret that is not among the inputs. Secrets are often created
 * out of band, so this is a warning; Ingresses that cert-manager serves (by annotation or a
 * Certificate among the inputs) are exempt because the secret will be issued.
 */
import { arr, at, obj, str } from '../../k8s/json';
import type { Cluster } from '../../cluster/model';
import { objectLabel } from '../support/describe';
import { apiGroup } from '../../cluster/kinds';
import type { Rule, RuleHit } from '../rule';

const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer', 'kubernetes.io/tls-acme'];

export const ingressTlsSecretMissing: Rule = {
  id: 'ingress-tls-secret-missing',
  severity: 'warning',
  title: 'Ingress TLS secret not among the inputs',
  explanation:
    'An Ingress `tls` entry names a Secret (type `kubernetes.io/tls`) in the Ingress\'s namespace holding the ' +
    'certificate for its hosts. When the Secret does not exist, controllers fall back to their default, self-signed ' +
    'certificate (ingress-nginx: "Kubernetes Ingress Controller Fake Certificate"), so HTTPS clients fail verification ' +
    'for those hosts. The rule only sees the inputs: Ingresses annotated for cert-manager, and Secrets named by a ' +
    'cert-manager Certificate among the inputs, count as present. Create the Secret in the same namespace, let ' +
    'cert-manager issue it, or silence the rule with `lineup.dev/ignore: ingress-tls-secret-missing` when it is managed elsewhere.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    let present: Set<string> | undefined;
    for (const ing of cluster.ingresses) {
      const annotations = obj(obj(ing.obj.raw.metadata)?.annotations) ?? {};
      if (CERT_MANAGER_ANNOTATIONS.some((a) => annotations[a] !== undefined)) continue;
      arr(at(ing.obj.raw, 'spec', 'tls')).forEach((entry, i) => {
        const secret = str(obj(entry)?.secretName);
        if (!secret) return;
        present ??= secretsAmongInputs(cluster);
        if (present.has(`${ing.namespace}/${secret}`)) return;
        const hosts = arr(obj(entry)?.hosts).map((h) => str(h)).filter((h): h is string => !!h);
        hits.push({
          object: ing.obj,
          field: `spec.tls[${i}].secretName`,
          message:
            `${objectLabel(ing.obj)} uses TLS secret ${secret}, which is not among the inputs (namespace ${ing.namespace}); without it the controller serves ` +
            `its default self-signed certificate${hosts.length > 0 ? ` for ${hosts.join(', ')}` : ''} — create the Secret (type kubernetes.io/tls) in namespace ` +
            `${ing.namespace}, or let cert-manager issue it`,
        });
      });
    }
    return hits;
  },
};

/** `namespace/name` of every Secret among the inputs, and of every Secret a cert-manager Certificate will write. */
function secretsAmongInputs(cluster: Cluster): Set<string> {
  const out = new Set<string>();
  for (const o of cluster.objectsOfKind('Secret')) if (apiGroup(o.apiVersion) === '') out.add(`${o.namespace}/${o.name}`);
  for (const o of cluster.objectsOfKind('Certificate')) {
    const name = apiGroup(o.apiVersion) === 'cert-manager.io' ? str(at(o.raw, 'spec', 'secretName')) : undefined;
    if (name) out.add(`${o.namespace}/${name}`);
  }
  return out;
}
