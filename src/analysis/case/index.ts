// A whole case: every input's index and the join of them into accounts, versions and UIDs (docs/case.md).

export { caseInput, type CaseInput } from './case-input.js';
export { SharedText } from './downloads.js';
export { joinCase } from './join.js';
export { sameFiles } from './same-file.js';
export type * from './types.js';
