// A whole case: every input's index and the join of them into accounts, versions and UIDs (docs/case.md).

export { caseInput, type CaseInput, type CaseInputStatus, type CaseMessage } from './case-input.js';
export { joinCase } from './join.js';
export { sameFiles, type SameAs } from './same-file.js';
export type * from './types.js';
