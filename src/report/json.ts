// `--json`: the whole report, pretty-printed, one document. Produced in pieces with exactly the bytes
// of JSON.stringify(report, null, 2), so that a report listing 100,000 messages is never one string.

import { LazyList } from '../analysis/index.js';
import { renderReport, type Renderer } from './sink.js';
import type { Report, ReportHeader } from './types.js';

const STEP = '  ';
/**
 * Array elements stringified together: large enough that JSON.stringify does the work, small enough
 * to stream. 128 history entries make about 60 KB of text, under V8's 128 KiB for an object of its
 * young generation: larger pieces go to the large-object space, whose growth sets off full
 * collections (a 65,535-tag decode --json: about 6% slower with 512).
 */
const SLICE = 128;

/** `JSON.stringify(value, null, 2)` of plain data, in pieces: only what holds a long array is walked. */
export function* prettyJson(value: unknown, indent = ''): Generator<string> {
  const depth = indent.length / STEP.length;
  if (!isLarge(value)) {
    yield stringifyAt(value, depth);
    return;
  }
  const inner = indent + STEP;
  if (Array.isArray(value) || value instanceof LazyList) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    let first = true;
    // A slice of elements at a time (a lazy list's made only now): runs of small elements go
    // through JSON.stringify together, a large one is walked.
    for (let from = 0; from < value.length; from += SLICE) {
      const slice: unknown[] = value.slice(from, from + SLICE);
      let run = 0;
      for (let i = 0; i <= slice.length; i++) {
        if (i < slice.length && !isLarge(slice[i])) continue;
        if (i > run) {
          yield `${first ? '' : ',\n'}${elementsAt(slice.slice(run, i), depth)}`;
          first = false;
        }
        if (i < slice.length) {
          yield `${first ? '' : ',\n'}${inner}`;
          yield* prettyJson(slice[i], inner);
          first = false;
        }
        run = i + 1;
      }
    }
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

// JSON.stringify indents from column 0. To have it write a value `depth` steps in (rather than
// re-indenting its text, which cost more than the stringifying), the value is nested in `depth`
// one-element arrays and the wrappers' brackets are cut off: "[\n" + STEP×i per level before it,
// "\n" + STEP×i + "]" per level after.

const wrap = (value: unknown, depth: number): unknown => {
  let w = value;
  for (let i = 0; i < depth; i++) w = [w];
  return w;
};

/** The value as written `depth` steps in, after the indentation the caller has written. */
function stringifyAt(value: unknown, depth: number): string {
  if (depth === 0) return JSON.stringify(value, null, STEP) ?? 'null';
  const s = JSON.stringify(wrap(value, depth), null, STEP);
  return s.slice(depth * depth + 3 * depth, s.length - (depth * depth + depth));
}

/** The elements of an array that stands `depth` steps in, each on its own lines, comma-separated. */
function elementsAt(elements: unknown[], depth: number): string {
  const s = JSON.stringify(wrap(elements, depth), null, STEP);
  const cut = depth * depth + 3 * depth + 2;
  return s.slice(cut, s.length - cut);
}

/** Holds an array longer than a slice, at any depth: worth streaming rather than stringifying whole. */
function isLarge(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  // Called on every element of a long array: plain loops, no iterator or closure per call.
  if (v instanceof LazyList) return v.length > 0;
  if (Array.isArray(v)) {
    if (v.length > SLICE) return true;
    for (let i = 0; i < v.length; i++) if (isLarge(v[i])) return true;
    return false;
  }
  if ('toJSON' in v) return false;
  // for-in, not Object.values: no array made for each of 65,535 entries.
  for (const k in v) if (Object.hasOwn(v, k) && isLarge((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** The document `{schema, tool, options, sources: [...]}` with each source written when it comes. */
export function jsonRenderer(): Renderer {
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
      yield `\n${STEP}${STEP}`;
      yield* prettyJson(source, STEP + STEP);
    },
    separator: ',',
    *end(sources) {
      yield sources > 0 ? `\n${STEP}]\n}\n` : ']\n}\n';
    },
  };
}

export function renderJson(report: Report): string {
  return renderReport(report, jsonRenderer());
}
