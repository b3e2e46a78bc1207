// The case contract `pophist/case@1` (schema/case.schema.json, docs/case.md): the header as inspect
// states it, the inputs with their statuses, the stores and their snapshots, one account history per
// account (its joining keys, versions, UIDs and findings), the case's own findings, and counts.

import type { CaseAccount, CaseFinding, CaseFindings, CaseInputRecord, CasePlace, CaseStore, LazyList, ResolvedOptions } from '../analysis/index.js';
import { reportHeader } from './build.js';
import type { ReportOptions } from './types.js';

export const CASE_SCHEMA = 'pophist/case@1';

export interface CaseHeader {
  schema: typeof CASE_SCHEMA;
  tool: { name: 'pophist'; version: string };
  options: ReportOptions;
  generated?: string;
}

export interface CaseSummary {
  /** Inputs named or found, each counted once; `sameFile` of them repeat an earlier one. */
  inputs: number;
  sameFile: number;
  statuses: { 'history-found': number; 'no-history': number; inconclusive: number; error: number };
  stores: number;
  snapshots: number;
  accounts: number;
  versions: number;
  uids: number;
  findings: Partial<Record<CaseFinding['code'], number>>;
}

export interface CaseReport extends CaseHeader {
  summary: CaseSummary;
  inputs: CaseInputRecord[];
  stores: CaseStore[];
  accounts: CaseAccount[];
  findings: CaseFinding[];
  unattributed: LazyList<CasePlace>;
}

function summary(c: CaseFindings): CaseSummary {
  const count = (s: CaseInputRecord['status']): number => c.inputs.filter((i) => i.status === s).length;
  const findings: CaseSummary['findings'] = {};
  const add = (code: CaseFinding['code']): void => void (findings[code] = (findings[code] ?? 0) + 1);
  for (const f of c.findings) add(f.code);
  // By code only: an account's findings are made when written, not to be counted.
  for (const a of c.accounts) for (let i = 0; i < a.findings.length; i++) add(a.findings.codeAt(i));
  return {
    inputs: c.inputs.length,
    sameFile: count('same-file'),
    statuses: { 'history-found': count('history-found'), 'no-history': count('no-history'), inconclusive: count('inconclusive'), error: count('error') },
    stores: c.stores.length,
    snapshots: c.stores.filter((s) => s.inputs.length > 1).reduce((n, s) => n + s.inputs.length, 0),
    accounts: c.accounts.length,
    versions: c.accounts.reduce((n, a) => n + a.versions.length, 0),
    uids: c.accounts.reduce((n, a) => n + a.uids.length, 0),
    findings: Object.fromEntries(Object.entries(findings).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

export function caseReport(found: CaseFindings, options: ResolvedOptions, generated?: Date): CaseReport {
  const { tool, options: stated, generated: when } = reportHeader(options, generated);
  return { schema: CASE_SCHEMA, tool, options: stated, generated: when, summary: summary(found), ...found };
}
