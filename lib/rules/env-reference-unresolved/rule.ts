/**
 * env-reference-unresolved: `$(REDIS_SERVICE_HOST)`-style references to the kubelet's service
 * variables that nothing provides. The kubelet leaves an unresolvable `$(VAR)` as literal text, so
 * the application connects to a host called "$(REDIS_SERVICE_HOST)".
 */
import type { Cluster, SimService } from '../../cluster/model';
import { arr, at, bool, byString, obj, str, type Json, type JsonObject } from '../../k8s/json';
import type { ManifestObject } from '../../load/types';
import { serviceVariableNames, hasServiceIP } from '../../views/env';
import { listSome, objectLabel } from '../support/describe';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

/** Variable names the kubelet's service links can produce (envvars.FromServices). */
const SERVICE_VARIABLE = /^([A-Z0-9_]+?)_(SERVICE_HOST|SERVICE_PORT(?:_[A-Z0-9_]+)?|PORT_\d+_(?:TCP|UDP|SCTP)(?:_(?:PROTO|PORT|ADDR))?|PORT)$/;

/** `$(NAME)` not preceded by another `$` (`$$(NAME)` is the escape for a literal). */
const REFERENCE = /(\$*)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g;

export const envReferenceUnresolved: Rule = {
  id: 'env-reference-unresolved',
  severity: 'warning',
  title: 'Reference to a service variable that no Service provides',
  explanation:
    'The kubelet gives every container variables for each Service of its namespace that has a cluster IP ' +
    '(`REDIS_SERVICE_HOST`, `REDIS_SERVICE_PORT`, `REDIS_PORT_6379_TCP_ADDR`, ...; the `kubernetes` Service\'s always), ' +
    'and expands `$(NAME)` references in `env` values, `command` and `args` with them. A reference to a service ' +
    'variable that no Service provides stays as the literal text `$(NAME)`: the Service is misnamed, in another ' +
    'namespace, headless or ExternalName (those get no variables), the port or port name in the variable is wrong, or ' +
    '`enableServiceLinks: false` turned the variables off. Fix the name, or better, use the Service\'s DNS name ' +
    '(`redis`, `redis.other-namespace`), which also works for Services created after the pod.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    // Built on the first reference: most inputs have none, and the index covers every Service.
    let provided: Provided | undefined;
    const sources: { object: ManifestObject; namespace: string; specPath: string[] }[] = [];
    for (const w of cluster.workloads) {
      const path = w.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
      sources.push({ object: w.obj, namespace: w.namespace, specPath: path });
    }
    for (const pod of cluster.pods) if (!pod.owner) sources.push({ object: pod.obj, namespace: pod.namespace, specPath: ['spec'] });
    for (const src of sources) {
      const spec = obj(at(src.object.raw, ...src.specPath));
      if (!spec) continue;
      const links = bool(spec.enableServiceLinks) ?? true;
      for (const list of ['initContainers', 'containers']) {
        arr(spec[list]).forEach((container, ci) => {
          const c = obj(container);
          if (!c || arr(c.envFrom).length > 0) return; // names from envFrom cannot be known offline
          if (!mentionsReference(c)) return;
          provided ??= new Provided(cluster);
          const own = new Set(arr(c.env).map((e) => str(obj(e)?.name)).filter((n): n is string => n !== undefined));
          const base = `${src.specPath.join('.')}.${list}[${ci}]`;
          const places: { field: string; text: Json | undefined }[] = [];
          arr(c.env).forEach((e, ei) => places.push({ field: `${base}.env[${ei}].value`, text: obj(e)?.value }));
          arr(c.command).forEach((t, i) => places.push({ field: `${base}.command[${i}]`, text: t }));
          arr(c.args).forEach((t, i) => places.push({ field: `${base}.args[${i}]`, text: t }));
          const reported = new Set<string>();
          for (const place of places) {
            const text = str(place.text);
            if (text === undefined || !text.includes('$(')) continue;
            for (const m of text.matchAll(REFERENCE)) {
              if (m[1].length % 2 === 1) continue; // escaped: $$(NAME)
              const name = m[2];
              if (own.has(name) || reported.has(name) || !SERVICE_VARIABLE.test(name)) continue;
              if (provided.has(src.namespace, name, links)) continue;
              const hint = provided.explain(src.namespace, name, links);
              if (hint === undefined) continue; // a bare NAME_PORT with no Service behind it is not a service variable
              reported.add(name);
              hits.push({
                object: src.object,
                field: place.field,
                message:
                  `${objectLabel(src.object)} container ${str(c.name) ?? `#${ci}`} refers to $(${name}), but no Service in namespace ${src.namespace} provides it, ` +
                  `so the kubelet leaves the text "$(${name})" unexpanded; ${hint}`,
              });
            }
          }
        });
      }
    }
    return hits;
  },
};

function hasReference(text: Json | undefined): boolean {
  return typeof text === 'string' && text.includes('$(');
}

/** Whether any env value, command or args item of a container could hold a `$(NAME)` reference. */
function mentionsReference(c: JsonObject): boolean {
  for (const e of arr(c.env)) if (hasReference(obj(e)?.value)) return true;
  for (const t of arr(c.command)) if (hasReference(t)) return true;
  for (const t of arr(c.args)) if (hasReference(t)) return true;
  return false;
}

/** `foo-bar` → `FOO_BAR`, as the kubelet names variables. */
function envPrefix(serviceName: string): string {
  return serviceName.toUpperCase().split('-').join('_');
}

/** Which variable names each namespace's Services provide, computed once per namespace on demand. */
class Provided {
  private readonly byNamespace = new Map<string, Set<string>>();
  private readonly master: Set<string>;
  /** Every Service by variable prefix, any namespace (for hints). */
  private readonly byPrefix = new Map<string, SimService[]>();
  private readonly servicesByNamespace = new Map<string, SimService[]>();

  constructor(cluster: Cluster) {
    const kubernetes = cluster.service('default', 'kubernetes');
    this.master = new Set(kubernetes ? serviceVariableNames(kubernetes) : []);
    for (const s of cluster.services) {
      const p = envPrefix(s.name);
      const list = this.byPrefix.get(p);
      if (list) list.push(s);
      else this.byPrefix.set(p, [s]);
      const inNs = this.servicesByNamespace.get(s.namespace);
      if (inNs) inNs.push(s);
      else this.servicesByNamespace.set(s.namespace, [s]);
    }
  }

  private namespaceNames(ns: string): Set<string> {
    let set = this.byNamespace.get(ns);
    if (!set) {
      set = new Set();
      for (const s of this.servicesByNamespace.get(ns) ?? []) for (const n of serviceVariableNames(s)) set.add(n);
      this.byNamespace.set(ns, set);
    }
    return set;
  }

  has(ns: string, name: string, links: boolean): boolean {
    return this.master.has(name) || (links && this.namespaceNames(ns).has(name));
  }

  /** Why the name is not provided, and what to do; undefined when the name does not look like any Service's. */
  explain(ns: string, name: string, links: boolean): string | undefined {
    const m = SERVICE_VARIABLE.exec(name);
    const prefix = m ? m[1] : name;
    const suffix = m ? m[2] : '';
    const candidates = (this.byPrefix.get(prefix) ?? []).slice().sort((a, b) => byString(a.namespace, b.namespace));
    const local = candidates.find((s) => s.namespace === ns);
    if (local) {
      if (!hasServiceIP(local)) {
        const why = local.type === 'ExternalName' ? 'an ExternalName Service' : 'headless (clusterIP: None)';
        return `Service ${local.name} is ${why}, and such Services get no variables — use its DNS name ${local.name} instead`;
      }
      if (!links) return `the pod sets enableServiceLinks: false, which turns off the variables of Service ${local.name} — remove it or use the DNS name ${local.name}`;
      const own = serviceVariableNames(local);
      const near = closest(name, own);
      return `Service ${local.name} provides ${listSome(own.filter((n) => n.startsWith(`${prefix}_${suffix.split('_')[0]}`)), 6)}${near !== undefined ? `; did you mean $(${near})?` : ''}`;
    }
    const elsewhere = candidates.filter((s) => s.namespace !== ns);
    if (elsewhere.length > 0) {
      const s = elsewhere[0];
      return `Service ${s.name} is in namespace ${s.namespace}; service variables only cover the pod's own namespace — use the DNS name ${s.name}.${s.namespace} instead`;
    }
    if (suffix === 'PORT') return undefined;
    const near = closest(name, links ? [...this.namespaceNames(ns), ...this.master] : [...this.master]);
    if (near !== undefined) return `did you mean $(${near})?`;
    const withVars = (this.servicesByNamespace.get(ns) ?? []).filter((s) => hasServiceIP(s)).map((s) => `${s.name} (${envPrefix(s.name)}_...)`);
    const known = links && withVars.length > 0 ? ` (Services of namespace ${ns} with variables: ${listSome(withVars, 5)})` : '';
    return `there is no Service named ${prefix.toLowerCase().split('_').join('-')} in namespace ${ns}${known}; fix the name or create the Service`;
  }
}
