// How the table fits where it is shown. A file or a pipe gets the full table, as wide as its
// content; a terminal gets lines no wider than its columns (narrow ones get a compact history
// layout with each message on a line of its own) and, unless NO_COLOR is set, colour on the
// statuses. The caller says which (TableView); nothing here looks at the process.

import type CliTable3 from 'cli-table3';
import { createRequire } from 'node:module';

export interface TableView {
  /** Columns of the terminal to fit; absent: the full width the content needs. */
  columns?: number;
  colour: boolean;
}

/** A file or a pipe: today's full table, no colour. */
export const FULL_VIEW: TableView = { colour: false };

export type Hue = 'green' | 'yellow' | 'red' | 'cyan';

const SGR: Record<Hue, number> = { green: 32, yellow: 33, red: 31, cyan: 36 };
const ANSI = /\x1b\[[0-9;]*m/g;

export function paint(text: string, hue: Hue, view: TableView): string {
  return view.colour ? `\x1b[${SGR[hue]}m${text}\x1b[39m` : text;
}

/** The hue of a correlation cell, which starts with its status. */
function statusHue(cell: string): { status: string; hue: Hue } | undefined {
  if (cell.startsWith('matched')) return { status: 'matched', hue: 'green' };
  if (cell.startsWith('ambiguous')) return { status: 'ambiguous', hue: 'yellow' };
  if (cell.startsWith('not in store')) return { status: 'not in store', hue: 'red' };
  return undefined;
}

function paintStatus(cell: string, view: TableView): string {
  const s = statusHue(cell);
  return s ? paint(s.status, s.hue, view) + cell.slice(s.status.length) : cell;
}

/** Characters East Asian scripts draw two columns wide; combining marks draw none. */
function charWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a string takes on a terminal; colour sequences take none. */
export function displayWidth(s: string): number {
  // Nearly every cell: one column a character, nothing to strip or measure.
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = 0;
  for (const ch of s.replace(ANSI, '')) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Text and colour sequences, so that a line is never broken inside a sequence. */
function tokens(s: string): string[] {
  return s.split(/(\x1b\[[0-9;]*m)/).flatMap((part) => (part.startsWith('\x1b[') ? [part] : [...part]));
}

/** How many of `line`'s tokens fit in `limit` columns (at least one, so that wrapping moves on). */
function fitCount(line: readonly string[], limit: number): number {
  let w = 0;
  for (let k = 0; k < line.length; k++) {
    w += line[k]!.startsWith('\x1b[') ? 0 : charWidth(line[k]!.codePointAt(0)!);
    if (w > limit) return Math.max(1, k);
  }
  return line.length;
}

/**
 * Pieces of `width` columns (the first) and `nextWidth` (the others), broken after the last space
 * that fits: a word (a UID, a NID, a path without spaces) moves whole to the next piece, and is cut
 * only when it alone is wider.
 */
function wrapText(text: string, width: number, nextWidth = width): string[] {
  const out: string[] = [];
  let line: string[] = [];
  let w = 0;
  let lastSpace = -1;
  for (const t of tokens(text)) {
    const tw = t.startsWith('\x1b[') ? 0 : charWidth(t.codePointAt(0)!);
    const limit = out.length === 0 ? width : nextWidth;
    if (w + tw > limit && line.length > 0 && t !== ' ') {
      let cut = lastSpace > 0 ? lastSpace + 1 : fitCount(line, limit);
      out.push(line.slice(0, cut).join('').trimEnd());
      line = line.slice(cut);
      // What moved on may itself be a word wider than a line.
      while (displayWidth(line.join('')) > nextWidth) {
        cut = fitCount(line, nextWidth);
        out.push(line.slice(0, cut).join(''));
        line = line.slice(cut);
      }
      w = displayWidth(line.join(''));
      lastSpace = line.lastIndexOf(' ');
    }
    line.push(t);
    w += tw;
    if (t === ' ') lastSpace = line.length - 1;
  }
  if (line.length > 0 || out.length === 0) out.push(line.join(''));
  return out;
}

/** A report line fitted to `columns`: continuation lines indented 4 more than the line. */
export function fitLine(line: string, columns: number): string[] {
  if (displayWidth(line) <= columns) return [line];
  const indent = /^ */.exec(line)![0];
  const more = `${indent}    `.slice(0, Math.max(0, Math.min(indent.length + 4, columns - 20)));
  const [first, ...rest] = wrapText(line.slice(indent.length), columns - indent.length, columns - more.length);
  return [indent + first!, ...rest.map((p) => more + p)];
}

export interface HistoryGrid {
  head: string[];
  rows: string[][];
  /** The column holding the correlation ("message in store"), if any: it starts with the status. */
  messageColumn?: number;
}

// A space either side of a cell and the vertical rules (one per column, plus one).
const tableWidth = (widths: readonly number[]): number => widths.reduce((a, b) => a + b + 2, 0) + widths.length + 1;

// cli-table3 draws the boxes; it takes a few milliseconds to load, so only a run that prints a full
// table pays for it. No rule under the head or between rows: one line per tag reads like a log.
let cliTable: typeof CliTable3 | undefined;
const loadCliTable = (): typeof CliTable3 => (cliTable ??= createRequire(import.meta.url)('cli-table3') as typeof CliTable3);
const NO_INNER_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/**
 * The full table: boxed, every column as wide as its content (our measure decides the widths, so
 * cli-table3 never cuts or wraps). Cells are escaped text on one line, so a row is one line.
 */
function fullTable(grid: HistoryGrid, view: TableView): string {
  const rows = [grid.head, ...grid.rows.map((r) => r.map((c, i) => (i === grid.messageColumn ? paintStatus(c, view) : c)))];
  const widths = grid.head.map(() => 0);
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i]!, displayWidth(c))));
  const Table = loadCliTable();
  const table = new Table({ chars: NO_INNER_RULES, colWidths: widths.map((w) => w + 2), style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 } });
  table.push(...rows);
  return table.toString();
}

const MIN_UID = 16;

const SHORT_OPERATION: Record<string, string> = { downloaded: 'down', deleted: 'del', 'downloaded-and-deleted': 'down+del' };

/**
 * For a terminal narrower than the full table: no rules, the operation abbreviated, the UID
 * wrapped in what width is left, and the message on its own line(s) under the row.
 */
function compactTable(grid: HistoryGrid, columns: number, view: TableView): string {
  const cell = (r: readonly string[], i: number): string => (grid.head[i] === 'operation' ? (SHORT_OPERATION[r[i]!] ?? r[i]!) : r[i]!);
  const widthOf = (i: number): number => Math.max(displayWidth(grid.head[i]!), ...grid.rows.map((r) => displayWidth(cell(r, i))));
  const fixedOf = (cs: readonly number[]): number => cs.slice(0, -1).reduce((a, i) => a + widthOf(i) + 2, 0);
  let cols = grid.head.map((_, i) => i).filter((i) => i !== grid.messageColumn);
  // Too narrow for a readable UID: the content (none, header, body) is the column to give up.
  if (columns - fixedOf(cols) < MIN_UID) cols = cols.filter((i) => grid.head[i] !== 'content');
  const widths = cols.map(widthOf);
  // The last column (the UID) takes what is left, at least 8 columns.
  const fixed = fixedOf(cols);
  widths[widths.length - 1] = Math.max(8, Math.min(widths[widths.length - 1]!, columns - fixed));
  const lines: string[] = [];
  const emit = (cells: string[]): void => {
    const wrapped = cells.map((c, k) => wrapText(c, widths[k]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    for (let j = 0; j < height; j++) {
      lines.push(wrapped.map((w, k) => (k === cells.length - 1 ? (w[j] ?? '') : (w[j] ?? '') + ' '.repeat(widths[k]! - displayWidth(w[j] ?? '') + 2))).join('').trimEnd());
    }
  };
  emit(cols.map((i) => grid.head[i]!));
  const under = ' '.repeat(Math.min(widths[0]! + 2, 6));
  const uidWidth = widths[widths.length - 1]!;
  for (const r of grid.rows) {
    const cells = cols.map((i) => cell(r, i));
    // A UID wider than its column is never split (it is copied and searched for): it goes whole on a line of its own.
    const uid = cells[cells.length - 1]!;
    const moved = displayWidth(uid) > uidWidth;
    emit(moved ? [...cells.slice(0, -1), ''] : cells);
    if (moved) lines.push(...wrapText(`UID ${uid}`, columns - under.length).map((p) => under + p));
    const message = grid.messageColumn === undefined ? '' : r[grid.messageColumn]!;
    if (message === '') continue;
    const [first, ...rest] = wrapText(message, columns - under.length);
    lines.push(under + paintStatus(first!, view), ...rest.map((p) => under + p));
  }
  return lines.join('\n');
}

/** The history table as it fits the view: full when there is room (or no terminal), else compact. */
export function layoutHistory(grid: HistoryGrid, view: TableView, indent: number): string {
  if (view.columns === undefined) return fullTable(grid, view);
  const natural = grid.head.map((h, i) => Math.max(displayWidth(h), ...grid.rows.map((r) => displayWidth(r[i]!))));
  if (tableWidth(natural) + indent <= view.columns) return fullTable(grid, view);
  return compactTable(grid, view.columns - indent, view);
}
