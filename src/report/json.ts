// `--json`: the whole report, pretty-printed, one document. Produced in pieces with exactly the bytes
// of JSON.stringify(report, null, 2), so that a report listing 100,000 messages is never one string.

import { renderReport, type Renderer } from './sink.js';
import type { Report, ReportHeader } from './types.js';

const STEP = '  ';
/** Array elements stringified together: large enough that JSON.stringify does the work, small enough to stream. */
const SLICE = 512;

/** `JSON.stringify(value, null, 2)` of plain data, in pieces: only what holds a long array is walked. */
export function* prettyJson(value: unknown, indent = ''): Generator<string> {
  if (!isLarge(value)) {
    const s = JSON.stringify(value, null, STEP) ?? 'null';
    // JSON strings escape their newlines, so every newline here is layout.
    yield indent === '' ? s : s.replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = indent + STEP;
  if (Array.isArray(value)) {
    yield '[\n';
    let from = 0;
    let first = true;
    // Runs of small elements go through JSON.stringify a slice at a time; a large one is walked.
    const flush = function* (to: number): Generator<string> {
      for (let i = from; i < to; i += SLICE) {
        const s = JSON.stringify(value.slice(i, Math.min(to, i + SLICE)), null, STEP);
        // "[\n" + elements one step in + "\n]": keep the elements, one step further in.
        yield `${first ? '' : ',\n'}${indent}${s.slice(2, -2).replace(/\n/g, `\n${indent}`)}`;
        first = false;
      }
    };
    for (let i = 0; i < value.length; i++) {
      if (!isLarge(value[i])) continue;
      yield* flush(i);
      yield `${first ? '' : ',\n'}${inner}`;
      yield* prettyJson(value[i], inner);
      first = false;
      from = i + 1;
    }
    yield* flush(value.length);
    yield `\n${indent}]`;
    return;
  }
  // As JSON.stringify: members whose value is undefined, a function or a symbol are left out.
  const members = Object.entries(value as object).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  yield '{\n';
  for (let i = 0; i < members.length; i++) {
    const [k, v] = members[i]!;
    yield `${inner}${JSON.stringify(k)}: `;
    yield* prettyJson(v, inner);
    yield i < members.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** Holds an array longer than a slice, at any depth: worth streaming rather than stringifying whole. */
function isLarge(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || 'toJSON' in v) return false;
  if (Array.isArray(v)) return v.length > SLICE || v.some(isLarge);
  for (const k in v) if (isLarge((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** The document `{schema, tool, options, sources: [...]}` with each source written when it comes. */
export function jsonRenderer(): Renderer {
  let count = 0;
  return {
    *begin(header: ReportHeader) {
      yield '{\n';
      for (const [k, v] of Object.entries(header)) {
        if (v === undefined) continue;
        yield `${STEP}${JSON.stringify(k)}: `;
        yield* prettyJson(v, STEP);
        yield ',\n';
      }
      yield `${STEP}"sources": [`;
    },
    *source(source) {
      yield `${count++ === 0 ? '' : ','}\n${STEP}${STEP}`;
      yield* prettyJson(source, STEP + STEP);
    },
    *end() {
      yield count > 0 ? `\n${STEP}]\n}\n` : ']\n}\n';
    },
  };
}

export function renderJson(report: Report): string {
  return renderReport(report, jsonRenderer());
}
