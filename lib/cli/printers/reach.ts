/** `reach`'s matrix as a table (FROM, then one column per Service port) or as JSON written a row at a time. */
import type { ReachMatrix } from '../../views/reach';
import type { CliWriter } from '../io';
import { GET_TABWRITER, writeTabwrittenRows } from './tabwriter';

function tableRows(matrix: ReachMatrix): string[][] {
  return [['FROM', ...matrix.columns], ...matrix.rows.map((r, i) => [r, ...matrix.verdicts[i]])];
}

/** The table written a line at a time (millions of cells would make one string of hundreds of MB); false when empty. */
export function writeReach(matrix: ReachMatrix, out: CliWriter): boolean {
  if (matrix.rows.length === 0 || matrix.columns.length === 0) return false;
  writeTabwrittenRows(tableRows(matrix), GET_TABWRITER, (line) => out.write(line));
  return true;
}

/**
 * `-o json`, written a row at a time: a full matrix has millions of cells, so each row and column
 * name is encoded once and the cells are laid out as `JSON.stringify(cell, null, 2)` would, at
 * their depth, without stringifying millions of small objects.
 */
export function writeReachJson(matrix: ReachMatrix, out: CliWriter): void {
  const indent = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
  out.write(`{\n  "rows": ${indent(matrix.rows, 1)},\n  "columns": ${indent(matrix.columns, 1)},\n  "cells": [`);
  const columns = matrix.columns.map((c) => JSON.stringify(c));
  let first = true;
  for (let r = 0; r < matrix.rows.length; r++) {
    const from = JSON.stringify(matrix.rows[r]);
    const verdicts = matrix.verdicts[r];
    const chunk: string[] = [];
    for (let c = 0; c < columns.length; c++) {
      chunk.push(`${first ? '' : ','}\n    {\n      "from": ${from},\n      "to": ${columns[c]},\n      "verdict": ${JSON.stringify(verdicts[c])}\n    }`);
      first = false;
    }
    if (chunk.length > 0) out.write(chunk.join(''));
  }
  out.write(first ? ']\n}\n' : '\n  ]\n}\n');
}
