/** `reach`'s matrix as a table (FROM, then one column per Service port) or as JSON written a row at a time. */
import type { ReachMatrix } from '../../views/reach';
import type { CliWriter } from '../io';
import { GET_TABWRITER, tabwriteRows } from './tabwriter';

export function formatReach(matrix: ReachMatrix): string {
  if (matrix.rows.length === 0 || matrix.columns.length === 0) return '';
  return tabwriteRows([['FROM', ...matrix.columns], ...matrix.rows.map((r, i) => [r, ...matrix.verdicts[i]])], GET_TABWRITER);
}

/** `-o json`, written a row at a time: a full matrix has millions of cells. */
export function writeReachJson(matrix: ReachMatrix, out: CliWriter): void {
  const indent = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
  out.write(`{\n  "rows": ${indent(matrix.rows, 1)},\n  "columns": ${indent(matrix.columns, 1)},\n  "cells": [`);
  let first = true;
  for (let r = 0; r < matrix.rows.length; r++) {
    const chunk: string[] = [];
    for (let c = 0; c < matrix.columns.length; c++) {
      chunk.push(`${first ? '' : ','}\n    ${indent({ from: matrix.rows[r], to: matrix.columns[c], verdict: matrix.verdicts[r][c] }, 2)}`);
      first = false;
    }
    if (chunk.length > 0) out.write(chunk.join(''));
  }
  out.write(first ? ']\n}\n' : '\n  ]\n}\n');
}
