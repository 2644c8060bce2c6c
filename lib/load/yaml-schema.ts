/**
 * The YAML schema manifests are read with, shared by js-yaml (load.ts) and the block reader
 * (fast-yaml.ts), so that both resolve plain scalars with the very same type objects.
 */
import * as jsyaml from 'js-yaml';

/** js-yaml's built-in types; `merge` is exported at run time but missing from the typings. */
const TYPES = (jsyaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float' | 'merge', jsyaml.Type> }).types;

/** Core schema (YAML 1.2 scalars, no timestamps turned into Dates) plus `<<` merge keys, which go-yaml supports. */
export const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [TYPES.merge] });

export interface ImplicitType {
  tag: string;
  resolve(data: string): boolean;
  construct(data: string): unknown;
}

/**
 * The types js-yaml tries, in order, on every plain scalar: the schema's compiled list (an
 * internal of js-yaml 4, read once), or the same list rebuilt from the exported types.
 */
export const IMPLICIT_TYPES: readonly ImplicitType[] = (() => {
  const compiled = (SCHEMA as unknown as { compiledImplicit?: ImplicitType[] }).compiledImplicit;
  if (Array.isArray(compiled) && compiled.length > 0) return compiled;
  return [TYPES.null, TYPES.bool, TYPES.int, TYPES.float, TYPES.merge] as unknown as ImplicitType[];
})();

export const MERGE_TAG = 'tag:yaml.org,2002:merge';
