/** How the loader's refusal of a document too deep or too large to read is put to people. */
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES, type ShapeProblem } from '../../load/depth';

/** The sentence a finding uses for a shape problem. Only objects built in code can refer to themselves. */
export function describeShapeProblem(p: ShapeProblem, inCode = false): string {
  return p.kind === 'too-deep'
    ? `the document nests more than ${MAX_DOCUMENT_DEPTH} levels deep${inCode ? ' (or refers to itself)' : ''}; no Kubernetes object does, so it was not read`
    : `the document expands to more than ${MAX_DOCUMENT_NODES} values (too many YAML aliases or repeated references: a resource exhaustion attack, not a manifest), so it was not read`;
}
