// The table's section for --recover: each recovered item on its own lines, under a heading that
// says it came from freed space, with where it lay and how it was validated.

import { escapeText } from './escape.js';
import { displayWidth } from './table-layout.js';
import type { RecoveredAttachmentRecord, RecoveredHistory, RecoveredLocation, Source } from './types.js';

const e = (s: string | undefined): string => escapeText(s ?? '');

function where(l: RecoveredLocation): string {
  const by = l.freeBy ? ` (${l.freeBy})` : '';
  return `offset ${l.offset}, block ${l.bid}${l.nid ? `, node ${l.nid}` : ''}, ${l.allocation}${by}, ${l.validation.join(' + ')}`;
}

/** Rows as lines whose columns line up (two spaces apart; the last column is not padded). */
function aligned(rows: string[][], indent: string): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!)))) ?? [];
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i]! - displayWidth(c)))).join('  '));
}

function historyLines(h: RecoveredHistory, limit: number): string[] {
  const who = [h.account.smtp ? e(h.account.smtp) : undefined, h.account.uid ? `uid ${e(h.account.uid)}` : undefined].filter(Boolean).join(', ');
  const span = h.span ? `, ${h.span.first} – ${h.span.last}` : '';
  const out = [`    ${h.role === 'restags' ? 'Restags' : 'History'} ${who || '(unnamed)'}: ${h.status}, ${h.entries.length} tags${span} [${where(h.location)}]`];
  for (const l of h.lost) out.push(`      lost: bytes ${l.from}–${l.to}, reused by ${e(l.by)}`);
  out.push(...aligned(h.entries.slice(0, limit).map((x) => [String(x.index), x.operation, x.content, x.time, e(x.uid)]), '      '));
  if (h.entries.length > limit) out.push(`      … ${h.entries.length - limit} more tags; --json or --ndjson list all`);
  if (h.live) {
    const older = h.live.olderOnly;
    out.push(`      not in the live history (#${h.live.history}): ${older.length === 0 ? 'none' : older.length}`);
    const rows = older.slice(0, limit).map((o) => {
      const c = o.correlation;
      const tie = c && c.status !== 'not-in-store' ? ` → ${c.candidates.map((m) => `${e(m.folder)} "${e(m.subject)}"`).join('; ')}` : c ? ' → not in store' : '';
      return [o.time, o.operation, `${e(o.uid)}${tie}`];
    });
    out.push(...aligned(rows, '        '));
  }
  return out;
}

const ROLE_NAME = { history: 'history blob', restags: 'restags', other: 'attachment' } as const;

const LOST = {
  overwritten: 'its data was overwritten',
  damaged: 'its data is damaged (its block fails its CRC, and nothing says which bytes changed)',
  'no-data': 'it holds no data',
} as const;

/** An attachment of a recovered table: its role and name, its size, and whether its data survived. */
function attachmentText(a: RecoveredAttachmentRecord): string {
  const name = a.longFilename ?? a.filename ?? a.displayName;
  const head = `${ROLE_NAME[a.role]} ${name === undefined ? '(no name survives)' : `\`${e(name)}\``}`;
  // PR_ATTACH_SIZE counts the whole attachment object, not its data: said only where nothing else gives a size.
  const stated = a.attachSize !== undefined ? ` (PR_ATTACH_SIZE ${a.attachSize} bytes)` : '';
  if (!a.dataSurvives) return `${head}: ${a.dataLost ? LOST[a.dataLost] : 'its data is lost'}${stated}`;
  if (a.size === 0) return `${head}: empty (0 bytes)`;
  return `${head}: ${a.size ?? '?'} bytes of data survive`;
}

/** Lines for the table output; none when --recover was not asked for. */
export function recoveredSection(s: Source, limit: number): string[] {
  if (!s.recovered) return [];
  const scan = s.recoveryScan;
  const out = [`  Recovered from freed space: ${s.recovered.length === 0 ? 'nothing' : `${s.recovered.length} items`}${scan ? ` (${scan.bytes} bytes scanned, AMap ${scan.amap})` : ''}`];
  for (const r of s.recovered) {
    if (r.kind === 'manager') {
      out.push(`    Message Manager "${e(r.subject)}" (${r.status}, matched by ${r.matchedBy}), ${r.attachments.length} attachments [${where(r.location)}]`);
      for (const a of r.attachments) out.push(`      ${attachmentText(a)}`);
      for (const p of r.problems) out.push(`      problem: ${e(p)}`);
    } else if (r.kind === 'attachment') {
      out.push(`    Attachment: ${attachmentText(r)} [${where(r.location)}]`);
    } else out.push(...historyLines(r, limit));
  }
  return out;
}
