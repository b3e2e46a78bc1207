// `case --timeline FORMAT`: the case as timeline events, in inspect's formats, each row naming the
// history version it comes from: every tag of every version (with whether that store still held the
// download), each version's last write, each UID dropped between two versions (at the later one's
// write), and the creation and delivery of every message carrying a UID's remote id.

import type { CaseAccount, CasePlace, CaseVersion } from '../analysis/index.js';
import type { CaseReport } from './case-report.js';
import { TAG_DESC, type TimelineEvent } from './timeline-events.js';

const quoted = (s: string | undefined): string => (s === undefined ? 'a message with no subject' : `'${s}'`);

function versionText(report: CaseReport, v: CaseVersion): string {
  return `${v.id} (${v.origin === 'recovered' ? 'recovered from freed space of ' : ''}${report.inputs[v.input]!.path})`;
}

function* versionEvents(report: CaseReport, a: CaseAccount): Generator<TimelineEvent> {
  const byId = new Map(a.versions.map((v) => [v.id, v]));
  for (const v of a.versions) {
    if (v.written === undefined) continue;
    const source = report.inputs[v.input]!.path;
    yield { ms: Date.parse(v.written), kind: 'version-written', desc: 'History version last written', macb: 'M', source, account: a.name, accountUid: v.miniUid, version: v.id, message: `History of ${a.name} version ${versionText(report, v)} last written (its Message Manager's modification time): ${v.uids} UIDs, ${v.tags} tags` };
  }
  for (const u of a.uids) {
    for (const l of u.listedBy) {
      const v = byId.get(l.version)!;
      for (const t of l.tags) {
        const held = l.inStore === undefined ? '' : l.inStore === 'not-in-store' ? ', not in that store' : `, ${l.inStore} in that store`;
        yield { ms: Date.parse(t.time), kind: 'tag', desc: TAG_DESC[t.operation], macb: 'none', source: report.inputs[v.input]!.path, account: a.name, accountUid: v.miniUid, uid: u.uid, operation: t.operation, status: l.inStore, version: v.id, message: `${TAG_DESC[t.operation]} of UID ${u.uid} (${a.name}), listed by version ${versionText(report, v)}${held}` };
      }
    }
  }
  for (const f of a.findings) {
    if (f.code !== 'dropped-between') continue;
    const to = byId.get(f.to)!;
    if (to.written === undefined) continue;
    yield { ms: Date.parse(to.written), kind: 'uid-dropped', desc: 'UID no longer in the history', macb: 'none', source: report.inputs[to.input]!.path, account: a.name, uid: f.uid, status: 'dropped-between', version: to.id, message: `UID ${f.uid} (${a.name}) is listed by ${f.from} and no longer by ${versionText(report, to)}: dropped between the two` };
  }
}

function* messageEvents(report: CaseReport, account: string | undefined, p: CasePlace): Generator<TimelineEvent> {
  const m = p.message;
  const where = m.location !== undefined ? `the .msg (${m.location})` : m.folder!;
  const base = { source: report.inputs[p.input]!.path, account, uid: p.uid, folder: m.folder ?? m.location, nid: m.nid, subject: m.subject };
  const about = `(carries POP://${p.server}/${p.uid}${account ? `, ${account}` : ''})`;
  if (m.created !== undefined) yield { ...base, ms: Date.parse(m.created), kind: 'message-created', desc: 'Message creation', macb: 'B', message: `Message ${quoted(m.subject)} in ${where} created ${about}` };
  if (m.delivered !== undefined) yield { ...base, ms: Date.parse(m.delivered), kind: 'message-delivered', desc: 'Message delivery', macb: 'none', message: `Message ${quoted(m.subject)} in ${where} delivered by the server ${about}` };
}

export function* caseEvents(report: CaseReport): Generator<TimelineEvent> {
  for (const a of report.accounts) {
    yield* versionEvents(report, a);
    for (const u of a.uids) for (const p of u.messages) yield* messageEvents(report, a.name, p);
  }
  for (const p of report.unattributed) yield* messageEvents(report, undefined, p);
}
