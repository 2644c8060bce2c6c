/**
 * The YAML schema manifests are read with: js-yaml's core schema (YAML 1.2 scalars; timestamps
 * stay strings) plus `<<` merge keys, which go-yaml, and so kubectl, supports.
 */
import * as jsyaml from 'js-yaml';

/** js-yaml's exported types; `merge` is exported at run time but missing from the typings. */
const TYPES = (jsyaml as unknown as { types: Record<'merge', jsyaml.Type> }).types;

export const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [TYPES.merge] });
