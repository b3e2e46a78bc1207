// From what the pop3 layer found to the report contract. The only place that knows both.

import { readFileSync } from 'node:fs';
import type { HistoryFinding, ManagerFinding, Analysis } from '../pop3/analyze.js';
import type { DecodedBlob } from '../pop3/blob.js';
import type { Correlation as FoundCorrelation } from '../pop3/correlate.js';
import type { StoreMessage } from '../pop3/facts.js';
import type { HistoryCorrelation, StoreInspection } from '../pop3/inspect.js';
import type { PstWarning } from '../pst/file/errors.js';
import { PstFormatError } from '../pst/file/errors.js';
import type { PstStore } from '../pst/messaging/store.js';
import { REPORT_SCHEMA, type Candidate, type Correlation, type History, type Manager, type Report, type Source, type SourceKind, type Warning } from './types.js';

export interface SourceBase {
  path: string;
  kind?: SourceKind;
  size?: number;
  sha256?: string;
}

const iso = (d: Date | undefined): string | undefined => (d && !Number.isNaN(d.getTime()) ? d.toISOString().replace('.000Z', 'Z') : undefined);
const hex = (b: Uint8Array | undefined): string | undefined => (b ? Buffer.from(b).toString('hex') : undefined);

export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function makeReport(sources: Source[]): Report {
  return { schema: REPORT_SCHEMA, tool: { name: 'pophist', version: toolVersion() }, sources };
}

function hasHistory(histories: readonly History[]): boolean {
  return histories.some((h) => h.role === 'history' && h.entries.length > 0);
}

function manager(m: ManagerFinding): Manager {
  const c = m.candidate;
  return strip({
    folder: c.folder,
    nid: c.nid,
    messageClass: c.messageClass,
    subject: c.subject,
    profileName: m.profileName,
    key: m.key,
    keyText: m.keyText,
    conversationKey: hex(c.conversationKey),
    searchKey: hex(c.searchKey),
    matchedBy: m.matchedBy,
    selected: m.selected,
    created: iso(c.created),
    modified: iso(c.modified),
    attachments: m.attachments.map((a) =>
      strip({
        index: a.candidate.index,
        filename: a.candidate.filename,
        longFilename: a.candidate.longFilename,
        displayName: a.candidate.displayName,
        size: a.candidate.data?.length ?? 0,
        role: a.role,
        rule: a.rule,
        accountUid: a.accountUid,
        smtp: a.smtp,
        additionalInfo: hex(a.candidate.additionalInfo),
        selected: a.selected,
      }),
    ),
  });
}

function candidate(m: StoreMessage): Candidate {
  return strip({
    folder: m.folder,
    nid: m.nid,
    subject: m.subject,
    from: m.from,
    messageId: m.messageId,
    created: iso(m.created),
    delivered: iso(m.delivered),
  });
}

function correlation(c: FoundCorrelation): Correlation {
  return strip({
    status: c.status,
    rule: c.rule,
    evidence: c.evidence,
    deltaSeconds: c.deltaSeconds,
    candidates: c.candidates.map(candidate),
    contradictions: c.contradictions.map((x) => ({ ...candidate(x.message), reason: x.reason, detail: x.detail })),
  });
}

export function history(blob: DecodedBlob, link: Pick<History, 'manager' | 'attachment' | 'role' | 'account' | 'selected'>, corr?: HistoryCorrelation): History {
  return strip({
    ...link,
    account: strip({ ...link.account, servers: corr?.servers }),
    version: blob.version,
    declaredCount: blob.declaredCount,
    entries: blob.entries.map((e) => {
      const c = corr?.entries.get(e.index);
      return strip({ ...e, correlation: c ? correlation(c) : undefined });
    }),
    trailer: blob.trailer,
    anomalies: blob.anomalies,
    summary: corr?.summary,
    unexplained: corr?.unexplained.map(candidate),
    notInHistory: corr?.notInHistory.map((n) => ({ uid: n.uid, server: n.server, messages: n.messages.map(candidate) })),
  });
}

function histories(a: Analysis, corr?: readonly HistoryCorrelation[]): History[] {
  return a.histories.map((h: HistoryFinding, i) =>
    history(h.blob, { manager: h.manager, attachment: h.attachment, role: h.role, account: h.account, selected: h.selected }, corr?.[i]),
  );
}

function pstWarning(w: PstWarning): Warning {
  return strip({ code: w.code, message: w.message, layer: w.layer, id: w.id, offset: w.offset });
}

export function storeSource(base: SourceBase, store: PstStore, found: StoreInspection): Source {
  const hs = histories(found.analysis, found.correlations);
  return strip({
    ...base,
    format: store.format,
    status: hasHistory(hs) ? 'history-found' : 'no-history',
    store: strip({ displayName: store.displayName, inbox: found.inbox.folder, inboxFoundBy: found.inbox.via }),
    managers: found.analysis.managers.map(manager),
    histories: hs,
    warnings: [...found.analysis.warnings.map((w) => ({ code: w.code, message: w.message })), ...found.warnings.map(pstWarning)],
  });
}

export function msgSource(base: SourceBase, analysis: Analysis): Source {
  const hs = histories(analysis);
  return strip({
    ...base,
    status: hasHistory(hs) ? 'history-found' : 'no-history',
    managers: analysis.managers.map(manager),
    histories: hs,
    warnings: analysis.warnings.map((w) => ({ code: w.code, message: w.message })),
  });
}

export function blobSource(base: SourceBase, blob: DecodedBlob): Source {
  const h = history(blob, { role: 'history', account: {} });
  return { ...base, kind: 'blob', status: h.entries.length > 0 ? 'history-found' : 'no-history', managers: [], histories: [h], warnings: [] };
}

export function errorSource(base: SourceBase, err: { code: string; message: string }): Source {
  const error =
    err instanceof PstFormatError
      ? strip({ code: err.code, message: err.message, layer: err.layer, id: err.id, offset: err.offset })
      : { code: err.code, message: err.message };
  return { ...base, status: 'error', error, managers: [], histories: [], warnings: [] };
}

/** grep-style: 2 when an input could not be read, else 0 when any history was found, else 1. */
export function exitCode(report: Report): 0 | 1 | 2 {
  if (report.sources.some((s) => s.status === 'error')) return 2;
  return report.sources.some((s) => s.status === 'history-found') ? 0 : 1;
}

/** Drop undefined fields so the JSON carries only what is known. */
function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
