/**
 * Ingresses and IngressClasses in the model's shape. networking.k8s.io/v1 is the
 * modelled form; the legacy v1beta1 shape (`backend.serviceName`/`servicePort`, `spec.backend`)
 * is read as well so that old manifests still route. Malformed parts are skipped (validation
 * reports them); nothing here throws.
 */
import { arr, at, isObject, str, strMap, type Json } from '../k8s/json';
import type { ManifestObject } from '../load/types';
import type { SimIngress, SimIngressBackend, SimIngressClass, SimIngressPath, SimIngressRule } from './model';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

const INGRESS_API_VERSIONS = ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'];

export function isIngress(obj: ManifestObject): boolean {
  return obj.kind === 'Ingress' && INGRESS_API_VERSIONS.includes(obj.apiVersion);
}

export function isIngressClass(obj: ManifestObject): boolean {
  return obj.kind === 'IngressClass' && (obj.apiVersion === 'networking.k8s.io/v1' || obj.apiVersion === 'networking.k8s.io/v1beta1');
}

export function readIngressClass(obj: ManifestObject): SimIngressClass {
  const c: SimIngressClass = {
    name: obj.name,
    isDefault: strMap(at(obj.raw, 'metadata', 'annotations'))?.[DEFAULT_CLASS_ANNOTATION] === 'true',
    obj,
  };
  const controller = str(at(obj.raw, 'spec', 'controller'));
  if (controller) c.controller = controller;
  return c;
}

/**
 * The class the DefaultIngressClass admission plugin writes into an Ingress created without one:
 * among the IngressClasses annotated `ingressclass.kubernetes.io/is-default-class: "true"`, the
 * newest by creationTimestamp, ties broken by the smaller name. `classes` are in input order; one
 * with an observed `metadata.creationTimestamp` is as old as that, one without is created by this
 * apply, after every observed one and after the classes before it in the input. The classes are
 * taken to exist before the Ingresses are created (installers such as ingress-nginx's are applied
 * before the applications whose Ingresses they serve).
 */
export function defaultIngressClass(classes: readonly SimIngressClass[]): SimIngressClass | undefined {
  let best: { c: SimIngressClass; time: number; order: number } | undefined;
  classes.forEach((c, order) => {
    if (!c.isDefault) return;
    const observed = Date.parse(str(at(c.obj.raw, 'metadata', 'creationTimestamp')) ?? '');
    // Created now: later than any observed time; among themselves, in input order.
    const time = Number.isNaN(observed) ? Infinity : observed;
    const candidate = { c, time, order: Number.isNaN(observed) ? order : 0 };
    if (!best || newer(candidate, best)) best = candidate;
  });
  return best?.c;
}

function newer(a: { c: SimIngressClass; time: number; order: number }, b: { c: SimIngressClass; time: number; order: number }): boolean {
  if (a.time !== b.time) return a.time > b.time;
  if (a.order !== b.order) return a.order > b.order;
  return a.c.name < b.c.name;
}

function readBackend(value: Json | undefined, field: string): SimIngressBackend | undefined {
  if (!isObject(value)) return undefined;
  const backend: SimIngressBackend = { field };
  if (isObject(value.service)) {
    const name = str(value.service.name);
    if (name !== undefined) backend.serviceName = name;
    const portName = str(at(value.service, 'port', 'name'));
    const portNumber = at(value.service, 'port', 'number');
    // Exactly one of them: with both (invalid) the number is kept, as the name is then unroutable anyway.
    if (typeof portNumber === 'number' && Number.isInteger(portNumber)) backend.portNumber = portNumber;
    else if (portName) backend.portName = portName;
  } else if (typeof value.serviceName === 'string') {
    backend.serviceName = value.serviceName;
    const sp = value.servicePort;
    if (typeof sp === 'number' && Number.isInteger(sp)) backend.portNumber = sp;
    else if (typeof sp === 'string' && /^\d+$/.test(sp)) backend.portNumber = Number(sp);
    else if (typeof sp === 'string' && sp !== '') backend.portName = sp;
  }
  if (isObject(value.resource)) {
    const resource: { kind?: string; name?: string } = {};
    const kind = str(value.resource.kind);
    const name = str(value.resource.name);
    if (kind !== undefined) resource.kind = kind;
    if (name !== undefined) resource.name = name;
    backend.resource = resource;
  }
  return backend;
}

const PATH_TYPES: SimIngressPath['pathType'][] = ['Exact', 'Prefix', 'ImplementationSpecific'];

/**
 * `served` needs the IngressClasses: an Ingress is served when its class exists, or no
 * IngressClass was given at all (then every Ingress is served). `defaultClass` is what
 * DefaultIngressClass admission writes into `spec.ingressClassName` when the Ingress has neither
 * that field nor the legacy `kubernetes.io/ingress.class` annotation.
 */
export function readIngress(obj: ManifestObject, classes: SimIngressClass[], defaultClass?: SimIngressClass): SimIngress {
  const spec = at(obj.raw, 'spec');
  const legacy = obj.apiVersion !== 'networking.k8s.io/v1';
  const annotations = strMap(at(obj.raw, 'metadata', 'annotations'));
  const rawClassName = at(spec, 'ingressClassName');
  // Admission looks at presence: a field that is set (even to "") or an annotation that is present keeps the default away.
  const admitted = rawClassName === undefined || rawClassName === null ? (annotations && INGRESS_CLASS_ANNOTATION in annotations ? undefined : defaultClass?.name) : str(rawClassName);
  const ingressClassName = rawClassName !== undefined && rawClassName !== null ? str(rawClassName) : admitted;
  const className = ingressClassName || annotations?.[INGRESS_CLASS_ANNOTATION] || undefined;
  let served: boolean;
  if (classes.length === 0) served = true;
  else if (className !== undefined) served = classes.some((c) => c.name === className);
  else served = false;

  const rules: SimIngressRule[] = [];
  arr(at(spec, 'rules')).forEach((rule, r) => {
    if (!isObject(rule)) return;
    const paths: SimIngressPath[] = [];
    arr(at(rule, 'http', 'paths')).forEach((p, i) => {
      if (!isObject(p)) return;
      const field = `spec.rules[${r}].http.paths[${i}].backend`;
      const backend = readBackend(p.backend, field);
      if (!backend) return;
      const typeText = str(p.pathType);
      // v1 has no default pathType (validation requires it); v1beta1 defaulted to ImplementationSpecific.
      const pathType = typeText && (PATH_TYPES as string[]).includes(typeText) ? (typeText as SimIngressPath['pathType']) : legacy || typeText === undefined ? 'ImplementationSpecific' : undefined;
      if (!pathType) return;
      paths.push({ path: str(p.path) ?? '', pathType, backend });
    });
    rules.push({ host: str(rule.host) ?? '', paths });
  });

  const ingress: SimIngress = {
    namespace: obj.namespace,
    name: obj.name,
    obj,
    served,
    rules,
    tls: arr(at(spec, 'tls'))
      .filter(isObject)
      .map((t) => {
        const entry: { hosts: string[]; secretName?: string } = { hosts: arr(t.hosts).filter((h): h is string => typeof h === 'string') };
        const secretName = str(t.secretName);
        if (secretName) entry.secretName = secretName;
        return entry;
      }),
  };
  if (className !== undefined) ingress.className = className;
  if (ingressClassName !== undefined) ingress.ingressClassName = ingressClassName;
  const defaultField = isObject(at(spec, 'defaultBackend')) ? 'spec.defaultBackend' : 'spec.backend';
  const defaultBackend = readBackend(at(spec, defaultField === 'spec.defaultBackend' ? 'defaultBackend' : 'backend'), defaultField);
  if (defaultBackend) ingress.defaultBackend = defaultBackend;
  return ingress;
}
