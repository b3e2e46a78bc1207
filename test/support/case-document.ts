// The case report as its JSON reads back: every list (a lazy list in the process) an array.

import type { LazyList } from '../../src/analysis/index.js';
import type { CaseReport } from '../../src/report/index.js';

type Parsed<T> = T extends LazyList<infer U> ? Parsed<U>[] : T extends readonly (infer U)[] ? Parsed<U>[] : T extends object ? { [K in keyof T]: Parsed<T[K]> } : T;

export type CaseDocument = Parsed<CaseReport>;
