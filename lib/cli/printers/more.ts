/** kubectl's "first three, then ` + N more...`" list cells (printers.go listWithMoreString). */
export const LIST_MAX = 3;

export function listWithMore(list: readonly string[], more: boolean, count: number, max = LIST_MAX, empty = '<unset>'): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? empty : ret;
}
