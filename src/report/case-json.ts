// `case --json` and `case --ndjson`. The JSON is the whole case report, pretty-printed as
// JSON.stringify(report, null, 2) would; NDJSON a `case` line (header and counts), a line per input,
// store and account (its versions), per UID and per finding (each naming its account), per message
// no account takes, and an `end` line that says the stream is whole.

import type { CaseFinding } from '../analysis/index.js';
import { prettyJson } from './json.js';
import { CASE_SCHEMA, type CaseReport } from './case-report.js';

export function* caseJson(report: CaseReport): Generator<string> {
  yield* prettyJson(report);
  yield '\n';
}

const line = (l: object): string => `${JSON.stringify(l)}\n`;

export function* caseNdjson(report: CaseReport): Generator<string> {
  const { accounts, inputs, stores, findings, unattributed, ...header } = report;
  const schema = CASE_SCHEMA;
  yield line({ type: 'case', ...header });
  for (const [index, input] of inputs.entries()) yield line({ type: 'input', schema, index, ...input });
  for (const store of stores) yield line({ type: 'store', schema, ...store });
  const finding = (f: CaseFinding, account?: string): string => line({ type: 'finding', schema, ...(account !== undefined ? { account } : {}), ...f });
  for (const a of accounts) {
    const { uids, findings: own, ...rest } = a;
    yield line({ type: 'account', schema, ...rest });
    for (const u of uids) yield line({ type: 'uid', schema, account: a.id, ...u });
    for (const f of own) yield finding(f, a.id);
  }
  for (const f of findings) yield finding(f);
  for (const p of unattributed) yield line({ type: 'unattributed', schema, ...p });
  yield line({ type: 'end', schema, complete: true, inputs: inputs.length });
}
