// What every rendered output of a fuzzed report must be, whatever the evidence held: well-formed
// UTF-8 text; CSV whose rows all have the header's number of cells; body-file lines of 11 fields;
// and HTML whose only elements are the ones the renderer writes, with no event-handler or URL
// attribute (evidence is markup-escaped, never markup).

import { L2TCSV_COLUMNS } from '../../src/report/timeline.js';

export class OutputCheckError extends Error {
  constructor(format: string, message: string) {
    super(`${format}: ${message}`);
    this.name = 'OutputCheckError';
  }
}

/** A lone surrogate cannot be written as UTF-8: Node would put U+FFFD in its place, silently. */
export function checkUtf8(format: string, text: string): void {
  if (Buffer.from(text, 'utf8').toString('utf8') !== text) throw new OutputCheckError(format, 'not well-formed UTF-8 (a lone surrogate)');
}

/** RFC 4180 rows (CRLF or LF), quoted cells with doubled quotes; returns the cell count of each row. */
function csvRowWidths(format: string, text: string): number[] {
  const widths: number[] = [];
  let cells = 1;
  let cellStart = true;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      if (!cellStart) throw new OutputCheckError(format, `a quote inside an unquoted cell at ${i}`);
      // A quoted cell ends at the first quote that is not doubled.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new OutputCheckError(format, `unterminated quoted cell at ${i}`);
        if (text[q + 1] !== '"') {
          i = q + 1;
          break;
        }
        j = q + 2;
      }
      if (i < text.length && !',\r\n'.includes(text[i]!)) throw new OutputCheckError(format, `text after a closing quote at ${i}`);
      cellStart = false;
      continue;
    }
    cellStart = c === ',' || c === '\n';
    if (c === ',') cells++;
    else if (c === '\n') {
      widths.push(cells);
      cells = 1;
    } else if (c === '\r' && text[i + 1] !== '\n') throw new OutputCheckError(format, `bare CR outside quotes at ${i}`);
    i++;
  }
  if (text.length > 0 && !text.endsWith('\n')) throw new OutputCheckError(format, 'last row not terminated');
  return widths;
}

export function checkCsv(format: string, text: string, columns?: number): void {
  checkUtf8(format, text);
  const widths = csvRowWidths(format, text);
  const want = columns ?? widths[0];
  const bad = widths.findIndex((w) => w !== want);
  if (bad >= 0) throw new OutputCheckError(format, `row ${bad + 1} has ${widths[bad]} cells, not ${want}`);
}

export const checkL2tcsv = (text: string): void => checkCsv('l2tcsv', text, L2TCSV_COLUMNS.length);

export function checkBodyfile(text: string): void {
  checkUtf8('bodyfile', text);
  for (const line of text.split('\n').slice(0, -1)) {
    const fields = line.split('|');
    if (fields.length !== 11) throw new OutputCheckError('bodyfile', `a line of ${fields.length} fields: ${JSON.stringify(line.slice(0, 80))}`);
    if (!fields.slice(7).every((t) => /^\d+$/.test(t))) throw new OutputCheckError('bodyfile', `a time that is not Unix seconds: ${JSON.stringify(line.slice(0, 80))}`);
  }
}

export function checkJsonl(text: string): void {
  checkUtf8('timesketch-jsonl', text);
  for (const line of text.split('\n').slice(0, -1)) JSON.parse(line);
}

// Every element the HTML renderer writes; anything else came from evidence.
const ELEMENTS = new Set('html head meta title style body h1 h2 h3 p section table thead tbody tr th td span b code figure figcaption svg rect line text g ul li dl dt dd br caption main header div time colgroup col'.split(' '));

export function checkHtml(text: string): void {
  checkUtf8('html', text);
  const body = text.replace(/^<!DOCTYPE html>\n/, '').replace(/<style>[^<]*<\/style>/, '');
  for (const m of body.matchAll(/<\/?([^\s>/]*)([^>]*)>?/g)) {
    if (!ELEMENTS.has(m[1]!.toLowerCase())) throw new OutputCheckError('html', `an element the renderer does not write: ${JSON.stringify(m[0].slice(0, 80))}`);
    // Attributes are name="value" with the value entity-escaped: with the values taken out, only names remain.
    const names = m[2]!.replace(/="[^"]*"/g, '').trim();
    if (!/^[-\w:. ]*\/?$/.test(names)) throw new OutputCheckError('html', `a malformed attribute: ${JSON.stringify(m[0].slice(0, 80))}`);
    if (names.split(/\s+/).some((n) => /^on|^(?:href|src|xlink:href|action|formaction)$/i.test(n))) throw new OutputCheckError('html', `an event handler or URL attribute: ${JSON.stringify(m[0].slice(0, 80))}`);
  }
}
