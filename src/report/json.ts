// `--json`: the whole report, pretty-printed, one document. Produced in pieces with exactly the bytes
// of JSON.stringify(report, null, 2), so that a report listing 100,000 messages is never one string.

import type { Report } from './types.js';

const STEP = '  ';

/** `JSON.stringify(value, null, 2)` of plain data, in pieces: arrays, and objects that hold one, are walked. */
export function* prettyJson(value: unknown, indent = ''): Generator<string> {
  if (!isContainer(value)) {
    const s = JSON.stringify(value, null, STEP) ?? 'null';
    // JSON strings escape their newlines, so every newline here is layout.
    yield indent === '' ? s : s.replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = indent + STEP;
  if (Array.isArray(value)) {
    if (value.length === 0) return void (yield '[]');
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* prettyJson(value[i], inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  // As JSON.stringify: members whose value is undefined, a function or a symbol are left out.
  const members = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (members.length === 0) return void (yield '{}');
  yield '{\n';
  for (let i = 0; i < members.length; i++) {
    const [k, v] = members[i]!;
    yield `${inner}${JSON.stringify(k)}: `;
    yield* prettyJson(v, inner);
    yield i < members.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** An array, or a plain object holding an array: worth walking rather than stringifying whole. */
function isContainer(v: unknown): v is object {
  if (typeof v !== 'object' || v === null || 'toJSON' in v) return false;
  return Array.isArray(v) || Object.values(v).some((x) => Array.isArray(x) && x.length > 0);
}

export function* jsonChunks(report: Report): Generator<string> {
  yield* prettyJson(report);
  yield '\n';
}

export function renderJson(report: Report): string {
  return [...jsonChunks(report)].join('');
}
