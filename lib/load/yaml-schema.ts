/**
 * The YAML schemas manifests are read with. SCHEMA: js-yaml's core schema (YAML 1.2 scalars;
 * timestamps stay strings) plus `<<` merge keys, which go-yaml, and so kubectl, supports.
 * AS_WRITTEN_SCHEMA: the same explicit tags, but every plain scalar kept as written (yaml11.ts
 * compares those with what kubectl's YAML 1.1 reading makes of them).
 */
import * as jsyaml from 'js-yaml';

/** js-yaml's exported types; `types` is exported at run time but missing from the typings. */
const TYPES = (jsyaml as unknown as { types: Record<'merge' | 'null' | 'bool' | 'int' | 'float', jsyaml.Type> }).types;

export const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [TYPES.merge] });

/**
 * SCHEMA's implicit types in the order js-yaml tries them on a plain scalar (the core schema's,
 * then `<<`): the first whose `resolve` accepts the text `construct`s its value.
 */
export const IMPLICIT_TYPES: readonly jsyaml.Type[] = [TYPES.null, TYPES.bool, TYPES.int, TYPES.float, TYPES.merge];

/**
 * A plain scalar as written, boxed so that it cannot be mistaken for a value js-yaml resolved (it
 * never makes a String object itself). As a mapping key it becomes its text: js-yaml stringifies
 * keys that are not strings.
 */
// eslint-disable-next-line @typescript-eslint/ban-types
export type AsWritten = String;

const AS_WRITTEN = new jsyaml.Type('tag:cdk8s-lineup,2026:plain-as-written', {
  kind: 'scalar',
  resolve: () => true,
  // eslint-disable-next-line no-new-wrappers
  construct: (text: string): AsWritten => new String(text),
});

/** No implicit type but the box (`<<` included: nothing is merged), and SCHEMA's explicit tags (a tagged scalar is not plain). */
export const AS_WRITTEN_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [AS_WRITTEN], explicit: [TYPES.null, TYPES.bool, TYPES.int, TYPES.float, TYPES.merge] });
