// From what the analysis layer found to the report contract. The only place that knows both; it reads
// findings only, never a store.

import { readFileSync } from 'node:fs';
import {
  type Analysis,
  type CorrelationFinding,
  type DecodedBlob,
  type InspectedEvidence,
  type HistoryCorrelation,
  type HistoryFinding,
  type ManagerFinding,
  type ProfileFacts,
  type StoreMessage,
  type Recovery,
  type ResolvedOptions,
  type RecoveredAttachmentFinding,
  type RecoveredLocationFinding,
  type DamagedBlock,
  type AccountTies,
  EXPLANATION,
  isoDate as iso,
} from '../analysis/index.js';
import {
  REPORT_SCHEMA,
  type Candidate,
  type Correlation,
  type FindingCode,
  type History,
  type Integrity,
  type Manager,
  type Recovered,
  type RecoveredAttachmentRecord,
  type RecoveredLocation,
  type ReportHeader,
  type ReportOptions,
  type Source,
  type SourceStatus,
} from './types.js';
import { historyRegistry, registryHives, sourceRegistry } from './build-registry.js';
import { msgDownload, unattributed } from './build-downloads.js';
import { withFields } from './with-fields.js';

const hex = (b: Uint8Array | undefined): string | undefined => (b ? Buffer.from(b).toString('hex') : undefined);

let version: string | undefined;

export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}

/** The options as the report states them: only what changes the findings. */
function reportOptions(o: ResolvedOptions): ReportOptions {
  const rest = { selections: selections(o.profile), recover: o.recover ? true : undefined, recoverMemory: o.recover ? o.recoverMemory : undefined, registry: registryHives(o.registry) };
  return o.correlate ? { correlate: true, window: o.window, ...rest } : { correlate: false, ...rest };
}

function selections(p: ProfileFacts): ReportOptions['selections'] {
  if (p.profileName === undefined && p.searchKey === undefined && p.smtp === undefined && p.accountUid === undefined) return undefined;
  return { profileName: p.profileName, searchKey: hex(p.searchKey), smtp: p.smtp, accountUid: p.accountUid };
}

/** What every format states first: the contract, the tool, the options resolved for the run, and (with --timestamp) when. */
export function reportHeader(options: ResolvedOptions, generated?: Date): ReportHeader {
  return { schema: REPORT_SCHEMA, tool: { name: 'pophist', version: toolVersion() }, options: reportOptions(options), generated: iso(generated) };
}

function manager(m: ManagerFinding): Manager {
  const c = m.candidate;
  return ({
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
      ({
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

/** A class, not a literal, for the reason StoreMessage is one: a store's long lists make many, and they must die young. */
class CandidateRecord implements Candidate {
  constructor(
    readonly folder: string,
    readonly nid: string,
    readonly subject: string | undefined,
    readonly from: string | undefined,
    readonly messageId: string | undefined,
    readonly created: string | undefined,
    readonly delivered: string | undefined,
  ) {}
}

function candidate(m: StoreMessage): Candidate {
  return new CandidateRecord(m.folder, m.nid, m.subject, m.from, m.messageId, iso(m.created), iso(m.delivered));
}

function correlation(c: CorrelationFinding): Correlation {
  return {
    status: c.status,
    rule: c.rule,
    evidence: c.evidence,
    deltaSeconds: c.deltaSeconds,
    candidates: c.candidates.map(candidate),
    consistency: c.consistency,
    deleteOnly: c.deleteOnly,
    contradictions: c.contradictions.map((x) => ({ ...candidate(x.message), reason: x.reason, detail: x.detail })),
  };
}

type HistoryLink = Pick<History, 'manager' | 'attachment' | 'role' | 'account' | 'selected' | 'registry'> & { damaged?: readonly DamagedBlock[] };

function history(blob: DecodedBlob, link: HistoryLink, corr?: HistoryCorrelation): History {
  const { damaged, ...place } = link;
  const integrity: Integrity | undefined = damaged?.length ? { status: 'damaged', blocks: damaged.map((b) => ({ bid: b.bid, offset: b.offset, problem: b.problem })) } : undefined;
  const codes = new Set<FindingCode>();
  const entries = blob.entries.map((e) => {
    const c = corr?.entries.get(e.index);
    const checks = blob.findings.get(e.index);
    const findings = c?.findings.length ? (checks ? [...c.findings, ...checks] : c.findings) : checks;
    for (const f of findings ?? []) codes.add(f.code);
    // An entry with nothing to add is the decoded entry itself, and a copy shares one hidden class.
    return !c && !findings && !integrity ? e : withFields(e, { correlation: c && correlation(c), findings, integrity });
  });
  return ({
    ...place,
    account: corr ? { ...link.account, servers: corr.servers } : link.account,
    integrity,
    version: blob.version,
    declaredCount: blob.declaredCount,
    entries,
    explanations: codes.size > 0 ? Object.fromEntries([...codes].sort().map((k) => [k, EXPLANATION[k]])) : undefined,
    trailer: blob.trailer,
    anomalies: blob.anomalies,
    summary: corr?.summary,
    unexplained: corr?.unexplained.map(candidate),
    notInHistory: corr?.notInHistory.map((n) => ({ uid: n.uid, server: n.server, attributedBy: n.attributedBy, messages: n.messages.map(candidate) })),
    registry: link.registry,
  });
}

function histories(a: Analysis, corr?: readonly HistoryCorrelation[], ties?: AccountTies): History[] {
  return a.histories.map((h: HistoryFinding, i) =>
    history(h.blob, { manager: h.manager, attachment: h.attachment, role: h.role, account: h.account, selected: h.selected, damaged: h.damaged, registry: historyRegistry(ties?.histories[i]) }, corr?.[i]),
  );
}

function recoveredLocation(l: RecoveredLocationFinding): RecoveredLocation {
  return { offset: l.offset, bid: l.bid, nid: l.nid, allocation: l.allocation, freeBy: l.freeBy, validation: l.validation };
}

function recoveredAttachment(a: RecoveredAttachmentFinding): RecoveredAttachmentRecord {
  return { filename: a.filename, longFilename: a.longFilename, displayName: a.displayName, role: a.role, smtp: a.smtp, accountUid: a.accountUid, size: a.size, dataSurvives: a.dataSurvives, attachSize: a.attachSize, dataLost: a.dataLost };
}

/** --recover's findings, managers first (a history's `manager` is also its index in the list). */
function recoveredItems(r: Recovery): Recovered[] {
  const out: Recovered[] = r.managers.map((m) => ({
    kind: 'manager',
    messageClass: m.messageClass,
    subject: m.subject,
    profileName: m.profileName,
    key: m.key,
    keyText: m.keyText,
    matchedBy: m.matchedBy,
    created: iso(m.created),
    modified: iso(m.modified),
    attachments: m.attachments.map(recoveredAttachment),
    status: m.status,
    problems: m.problems,
    location: recoveredLocation(m.location),
  }));
  for (const a of r.attachments) out.push({ kind: 'attachment', ...recoveredAttachment(a), location: recoveredLocation(a.location!) });
  for (const h of r.histories) {
    const decoded = history(h.blob, { role: h.role, account: h.account });
    out.push({
      kind: 'history',
      manager: h.manager,
      attachment: h.attachment,
      role: h.role,
      account: decoded.account,
      status: h.status,
      lost: h.lost.map((l) => ({ from: l.from, to: l.to, by: l.by })),
      version: decoded.version,
      declaredCount: decoded.declaredCount,
      entries: decoded.entries,
      trailer: decoded.trailer,
      anomalies: decoded.anomalies,
      span: h.span,
      live: h.live && {
        history: h.live.history,
        olderOnly: h.live.olderOnly.map((o) => ({ uid: o.uid, operation: o.operation, time: o.time, correlation: o.correlation && correlation(o.correlation) })),
      },
      location: recoveredLocation(h.location),
    });
  }
  return out;
}

/** The report's record of one input. Fields left undefined are absent from every format. */
export function toSource(found: InspectedEvidence): Source {
  const source = sourceOf(found);
  if (found.changed !== undefined) source.warnings.push({ code: 'CHANGED_DURING_RUN', message: found.changed });
  return source;
}

function sourceOf(found: InspectedEvidence): Source {
  const base = found.base;
  switch (found.type) {
    case 'store': {
      const inspection = found.inspection;
      const hs = histories(inspection.analysis, inspection.correlations, inspection.accounts);
      // No history, but part of what must be searched could not be read: that is not a negative.
      const unread = [...inspection.unread, ...damagedHistories(hs)];
      const st = status(hs, unread);
      return {
        ...base,
        format: found.format,
        status: st,
        unread: st === 'inconclusive' ? unread : undefined,
        store: { displayName: found.displayName, inbox: inspection.inbox.folder, inboxFoundBy: inspection.inbox.via },
        managers: inspection.analysis.managers.map(manager),
        histories: hs,
        unattributed: unattributed(inspection.unattributed),
        warnings: [
          ...inspection.analysis.warnings.map((w) => ({ code: w.code, message: w.message })),
          ...inspection.warnings.map((w) => ({ code: w.code, message: w.message, layer: w.layer, id: w.id, offset: w.offset })),
        ],
        recovered: inspection.recovery && recoveredItems(inspection.recovery),
        recoveryScan: inspection.recovery && { ...inspection.recovery.scan },
        registry: sourceRegistry(inspection.accounts),
      };
    }
    case 'msg': {
      const hs = histories(found.analysis, undefined, found.accounts);
      const { downloads, warnings } = found.origins;
      return {
        ...base,
        status: status(hs),
        managers: found.analysis.managers.map(manager),
        histories: hs,
        downloads: downloads.length > 0 ? downloads.map(msgDownload) : undefined,
        warnings: [...found.analysis.warnings, ...warnings].map((w) => ({ code: w.code, message: w.message })),
        registry: sourceRegistry(found.accounts),
      };
    }
    case 'blob': {
      const h = history(found.blob, { role: 'history', account: {} });
      return { ...base, status: h.entries.length > 0 ? 'history-found' : 'no-history', managers: [], histories: [h], warnings: [] };
    }
    case 'error':
      return { ...base, status: 'error', error: found.error, managers: [], histories: [], warnings: [] };
  }
}

/** A history read from blocks that fail their checks: its tags are reported, marked, but cannot be trusted. */
function damagedHistories(hs: readonly History[]): string[] {
  return hs
    .filter((h) => h.integrity && h.entries.length > 0)
    .map((h) => `the ${h.role === 'history' ? 'history' : 'Restags'} blob of ${h.account.smtp ?? h.account.uid ?? 'an unnamed account'} (read from ${h.integrity!.blocks.map((b) => `block ${b.bid} at offset ${b.offset}, ${b.problem}`).join('; ')})`);
}

/** A history read from damaged blocks is `inconclusive`: the tags are there, but the bytes fail their checks. */
function status(hs: readonly History[], unread: readonly string[] = []): SourceStatus {
  const found = hs.filter((h) => h.role === 'history' && h.entries.length > 0);
  if (found.length > 0) return found.some((h) => h.integrity) ? 'inconclusive' : 'history-found';
  return unread.length > 0 ? 'inconclusive' : 'no-history';
}

/** grep-style: 2 when an input could not be read (wholly, or in part with no history found), else 0 when any history was found, else 1. */
export function exitCode(statuses: Iterable<SourceStatus>): 0 | 1 | 2 {
  let found = false;
  for (const s of statuses) {
    if (s === 'error' || s === 'inconclusive') return 2;
    if (s === 'history-found') found = true;
  }
  return found ? 0 : 1;
}
