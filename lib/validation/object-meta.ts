/**
 * ObjectMeta validation shared by every kind (apimachinery pkg/api/validation/objectmeta.go
 * ValidateObjectMetaAccessor, ValidateAnnotations; metav1 validation ValidateLabels).
 * Only what a manifest can carry on create is checked: name/generateName, namespace, labels,
 * annotations.
 */
import { sortedKeys, type JsonObject } from '../k8s/json';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, type KubeVersion } from '../k8s/names';
import { BAD, Decoder, ok } from './decode';
import { forbidden, invalidEach, required, type FieldError } from './field-error';

/** A ValidateNameFunc: messages for a name, or for a generateName prefix (which may end in `-`). */
export type NameValidator = (name: string, prefix: boolean, version?: KubeVersion) => string[];

/** generateName prefixes are checked with their trailing `-` masked, as upstream's maskTrailingDash. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

/** NameIsDNS1035Label (Services). */
export const nameIsDNS1035Label: NameValidator = (name, prefix, version) => isDNS1035Label(prefix ? maskTrailingDash(name) : name, version);
/** NameIsDNSSubdomain (Endpoints, EndpointSlice, Ingress, most kinds). */
export const nameIsDNSSubdomain: NameValidator = (name, prefix, version) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name, version);
/** NameIsDNSLabel (Namespaces). */
export const nameIsDNSLabel: NameValidator = (name, prefix, version) => isDNS1123Label(prefix ? maskTrailingDash(name) : name, version);

/** metav1validation.ValidateLabels: keys are qualified names, values label values; path without the key. */
export function validateLabels(labels: Record<string, string>, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  // Go ranges over the map in random order; sorted keys make the output deterministic.
  for (const key of sortedKeys(labels)) {
    const keyMessages = isQualifiedName(key, version);
    if (keyMessages.length > 0) errs.push(...invalidEach(path, key, keyMessages));
    const valueMessages = isValidLabelValue(labels[key], version);
    if (valueMessages.length > 0) errs.push(...invalidEach(path, labels[key], valueMessages));
  }
  return errs;
}

/** apimachinery TotalAnnotationSizeLimitB. */
const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: Record<string, string>, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const key of sortedKeys(annotations)) {
    // Annotation keys are checked case-insensitively (upstream lower-cases them first).
    const messages = isQualifiedName(key.toLowerCase(), version);
    if (messages.length > 0) errs.push(...invalidEach(path, key, messages));
    size += Buffer.byteLength(key) + Buffer.byteLength(annotations[key]);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push({ field: path, type: 'TooLong', detail: `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes` });
  return errs;
}

export interface ObjectMetaResult {
  errors: FieldError[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/**
 * ValidateObjectMeta for a create. `metadata.namespace` may be absent (the request's namespace is
 * used); when present it must be a DNS-1123 label, and it is Forbidden on cluster-scoped kinds.
 */
export function validateObjectMeta(raw: JsonObject, namespaced: boolean, nameFn: NameValidator, version?: KubeVersion): ObjectMetaResult {
  const errors: FieldError[] = [];
  const d = new Decoder(errors);
  const meta = d.object(raw, 'metadata', 'metadata');
  if (meta === BAD) return { errors, labels: {}, annotations: {} };
  const m = meta ?? {};

  const generateName = d.string(m, 'generateName', 'metadata.generateName');
  if (ok(generateName) && generateName !== '') errors.push(...invalidEach('metadata.generateName', generateName, nameFn(generateName, true, version)));
  const name = d.string(m, 'name', 'metadata.name');
  if (name !== BAD) {
    if (name === undefined || name === '') {
      // With a generateName the server makes the name up; only with neither is it missing.
      if (!(ok(generateName) && generateName !== '')) errors.push(required('metadata.name', 'name or generateName is required'));
    } else {
      errors.push(...invalidEach('metadata.name', name, nameFn(name, false, version)));
    }
  }

  const namespace = d.string(m, 'namespace', 'metadata.namespace');
  if (ok(namespace) && namespace !== '') {
    if (namespaced) errors.push(...invalidEach('metadata.namespace', namespace, nameIsDNSLabel(namespace, false, version)));
    else errors.push(forbidden('metadata.namespace', 'not allowed on this type'));
  }

  // The decoded maps are fresh copies (stringMap): they are the result as they are.
  const labels = d.stringMap(m, 'labels', 'metadata.labels');
  if (ok(labels)) errors.push(...validateLabels(labels, 'metadata.labels', version));
  const annotations = d.stringMap(m, 'annotations', 'metadata.annotations');
  if (ok(annotations)) errors.push(...validateAnnotations(annotations, 'metadata.annotations', version));
  return { errors, labels: ok(labels) ? labels : {}, annotations: ok(annotations) ? annotations : {} };
}

