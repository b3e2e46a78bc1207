// --recover: what freed space held, in the report's terms. Kept apart from the live managers and
// histories: a recovered item carries where it lay and how it was validated.

import type { Recovery, RecoveredAttachment as FoundAttachment, RecoveredLocation as FoundLocation } from '../pop3/recover.js';
import { correlation as correlationOf, history, iso, strip } from './build.js';
import type { Recovered, RecoveredAttachmentRecord, RecoveredLocation, RecoveryScan, Source } from './types.js';

function location(l: FoundLocation): RecoveredLocation {
  return strip({ offset: l.offset, bid: l.bid, nid: l.nid, allocation: l.allocation, freeBy: l.freeBy, validation: l.validation });
}

function attachment(a: FoundAttachment): RecoveredAttachmentRecord {
  return strip({
    filename: a.filename,
    longFilename: a.longFilename,
    displayName: a.displayName,
    role: a.role,
    smtp: a.smtp,
    accountUid: a.accountUid,
    size: a.size,
    dataSurvives: a.dataSurvives,
  });
}

/** Managers first, so a history's `manager` is also its manager's index in the list. */
export function recoveredItems(r: Recovery): Recovered[] {
  const out: Recovered[] = r.managers.map((m) =>
    strip({
      kind: 'manager' as const,
      messageClass: m.messageClass,
      subject: m.subject,
      profileName: m.profileName,
      key: m.key,
      keyText: m.keyText,
      matchedBy: m.matchedBy,
      created: iso(m.created),
      modified: iso(m.modified),
      attachments: m.attachments.map(attachment),
      status: m.status,
      problems: m.problems,
      location: location(m.location),
    }),
  );
  for (const a of r.attachments) out.push({ kind: 'attachment', ...attachment(a), location: location(a.location!) });
  for (const h of r.histories) {
    const decoded = history(h.blob, { role: h.role, account: h.account });
    out.push(
      strip({
        kind: 'history' as const,
        manager: h.manager,
        attachment: h.attachment,
        role: h.role,
        account: decoded.account,
        status: h.status,
        lost: h.lost.map((l) => ({ ...l })),
        version: decoded.version,
        declaredCount: decoded.declaredCount,
        entries: decoded.entries,
        trailer: decoded.trailer,
        anomalies: decoded.anomalies,
        span: h.span,
        live: h.live && {
          history: h.live.history,
          olderOnly: h.live.olderOnly.map((o) => strip({ uid: o.uid, operation: o.operation, time: o.time, correlation: o.correlation && correlationOf(o.correlation) })),
        },
        location: location(h.location),
      }),
    );
  }
  return out;
}

export function recoveryScan(r: Recovery): RecoveryScan {
  return { ...r.scan };
}

/** The source with its recovered items added. */
export function withRecovered(source: Source, r: Recovery | undefined): Source {
  return r ? { ...source, recovered: recoveredItems(r), recoveryScan: recoveryScan(r) } : source;
}
