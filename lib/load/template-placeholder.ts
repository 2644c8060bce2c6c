/**
 * Unrendered template placeholders. `app: {{cell}}` is a Helm/Go-template placeholder that nobody
 * filled in; YAML reads it as a flow mapping whose key is another mapping. kubectl refuses such a
 * document (its YAML-to-JSON step has no way to write a mapping as a key: "invalid map key"), and
 * js-yaml quietly turns the inner mapping into the key text "[object Object]", which would then
 * leak into messages. So such a document is reported where the placeholder is and not read.
 */

/** The key text js-yaml gives a mapping used as a mapping key. */
const MAPPING_KEY_TEXT = '[object Object]';

/** Whether any mapping in the value has a mapping as a key (no recursion: the value's shape was checked already). */
export function hasMappingKey(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) pending.push(item);
      continue;
    }
    for (const key of Object.keys(v)) {
      if (key === MAPPING_KEY_TEXT) return true;
      pending.push((v as Record<string, unknown>)[key]);
    }
  }
  return false;
}

/** A placeholder as written after `key:` or `- ` (unquoted), e.g. `{{cell}}` or `{{ .Values.port }}`. */
const PLACEHOLDER_VALUE = /(?:^\s*-|:)\s+(\{\{[^\n]*?\}\})/;

/**
 * Where the first placeholder written as a plain value is: 1-based line and column within `text`,
 * and its text. Undefined when none is (the mapping key came from some other flow mapping).
 */
export function findPlaceholder(text: string): { line: number; column: number; placeholder: string } | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*#/.test(line)) continue;
    const m = PLACEHOLDER_VALUE.exec(line);
    if (m) return { line: i + 1, column: line.indexOf(m[1], m.index) + 1, placeholder: m[1] };
  }
  return undefined;
}

/** The sentence a finding uses. */
export function describePlaceholder(placeholder: string | undefined): string {
  const what = placeholder ? `${placeholder} is a template placeholder that was never rendered` : 'a value is a flow mapping used as a mapping key (an unrendered template placeholder such as {{name}}?)';
  return (
    `${what}: YAML reads it as a mapping with a mapping as its key, which kubectl refuses ("invalid map key"), so the document was not read; ` +
    'render the template first (helm template, envsubst, your templating tool) and check the output, or quote the value if it is meant literally'
  );
}
