// `--timeline FORMAT`: the report's events for the timeline tools analysts already use.
// - Timesketch JSONL and CSV (google/timesketch docs/guides/user/import-from-json-csv.md and
//   timesketch/lib/utils.py): `message`, `datetime` (ISO 8601 with offset), `timestamp_desc`
//   mandatory; `timestamp` in µs; any other key kept as an attribute. Keys OpenSearch reserves
//   (`_id`, `_index`, `_source`, `_type`) and Timesketch's own `tag` (read as labels) are not used.
// - plaso's l2tcsv: 17 fixed columns, dates MM/DD/YYYY, here always in UTC.
// - The Sleuth Kit's body file for `mactime`: `MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime`.
// Evidence strings are escaped as everywhere else (control and bidi characters shown as escapes).

import { escapeText, neutraliseCsvCell } from './escape.js';
import type { Renderer } from './sink.js';
import { sourceTimeline, type TimelineEvent } from './timeline-events.js';
import type { Source } from './types.js';

export const TIMELINE_FORMATS = ['timesketch-jsonl', 'timesketch-csv', 'l2tcsv', 'bodyfile'] as const;
export type TimelineFormat = (typeof TIMELINE_FORMATS)[number];

/** ISO 8601 with an explicit offset, as Timesketch asks (a time without one is read in the server's zone). */
function isoWithOffset(ms: number): string {
  return new Date(ms).toISOString().replace(/(?:\.000)?Z$/, '+00:00');
}

const TIMESKETCH_COLUMNS = [
  'message',
  'datetime',
  'timestamp',
  'timestamp_desc',
  'data_type',
  'event_kind',
  'source_file',
  'account',
  'account_uid',
  'uid',
  'operation',
  'content',
  'status',
  'rule',
  'evidence',
  'delta_seconds',
  'folder',
  'nid',
  'subject',
  'tag_index',
  'tag_offset',
  'recovered_from',
] as const;

/** A case's rows also name the history version they come from (inspect's never have one). */
const CASE_TIMESKETCH_COLUMNS = [...TIMESKETCH_COLUMNS, 'version'] as const;

type TimesketchRow = Partial<Record<(typeof CASE_TIMESKETCH_COLUMNS)[number], string | number>>;

const isTag = (e: TimelineEvent): boolean => e.kind === 'tag' || e.kind === 'recovered-tag' || e.kind === 'uid-dropped';
const isManager = (e: TimelineEvent): boolean => e.kind.includes('manager') || e.kind === 'version-written';

const text = (s: string | undefined): string | undefined => (s === undefined ? undefined : escapeText(s));

function timesketchRow(e: TimelineEvent): TimesketchRow {
  return {
    message: escapeText(e.message),
    datetime: isoWithOffset(e.ms),
    timestamp: e.ms * 1000,
    timestamp_desc: e.desc,
    data_type: isTag(e) ? 'outlook:pop3:tag' : isManager(e) ? 'outlook:pop3:message_manager' : 'outlook:message',
    event_kind: e.kind,
    source_file: escapeText(e.source),
    account: text(e.account),
    account_uid: text(e.accountUid),
    uid: text(e.uid),
    operation: e.operation,
    content: e.content,
    status: e.status,
    rule: e.rule,
    evidence: e.evidence,
    delta_seconds: e.deltaSeconds,
    folder: text(e.folder),
    nid: e.nid,
    subject: text(e.subject),
    tag_index: e.tagIndex,
    tag_offset: e.offset,
    recovered_from: e.recoveredFrom,
    version: e.version,
  };
}

/** RFC 4180 cell: quoted when it holds a separator or quote; formula-like text defused for spreadsheets. */
function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return String(v);
  // l2tcsv's "no value" is a lone '-': not a formula, and a reader expects it as is.
  const s = v === '-' ? v : neutraliseCsvCell(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function* timesketchJsonl(events: Iterable<TimelineEvent>): Generator<string> {
  for (const e of events) {
    const row = timesketchRow(e);
    const json = JSON.stringify(Object.fromEntries(CASE_TIMESKETCH_COLUMNS.filter((k) => row[k] !== undefined).map((k) => [k, row[k]])));
    // JSON leaves U+2028/U+2029 raw, and readers that split lines on them would cut the event.
    yield `${json.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
  }
}

function* timesketchCsv(events: Iterable<TimelineEvent>, columns: readonly (typeof CASE_TIMESKETCH_COLUMNS)[number][] = TIMESKETCH_COLUMNS): Generator<string> {
  for (const e of events) {
    const row = timesketchRow(e);
    yield `${columns.map((k) => csvCell(row[k])).join(',')}\r\n`;
  }
}

export const L2TCSV_COLUMNS = ['date', 'time', 'timezone', 'MACB', 'source', 'sourcetype', 'type', 'user', 'host', 'short', 'desc', 'version', 'filename', 'inode', 'notes', 'format', 'extra'] as const;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
// As plaso: a creation is B, a modification M, an instant with no file-time meaning (a download) '....'.
const MACB_DOTS: Record<TimelineEvent['macb'], string> = { B: '...B', M: 'M...', none: '....' };

function l2tRow(e: TimelineEvent): string[] {
  const d = new Date(e.ms);
  const short = isTag(e) ? `${e.desc} of UID ${e.uid ?? ''}${e.status ? ` (${e.status})` : ''}` : `${e.desc}: ${e.subject ?? e.folder ?? ''}`;
  const extra = [
    ['account_uid', e.accountUid],
    ['uid', e.uid],
    ['operation', e.operation],
    ['content', e.content],
    ['status', e.status],
    ['rule', e.rule],
    ['evidence', e.evidence],
    ['delta_seconds', e.deltaSeconds],
    ['folder', e.folder],
    ['subject', e.subject],
    ['tag_index', e.tagIndex],
    ['tag_offset', e.offset],
    ['recovered_from', e.recoveredFrom],
    ['version', e.version],
  ]
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('; ');
  return [
    `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear(), 4)}`,
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    'UTC',
    MACB_DOTS[e.macb],
    isTag(e) ? 'POP3' : 'EMAIL',
    isTag(e) ? 'Outlook POP3 download history' : isManager(e) ? 'Outlook Message Manager' : 'Outlook message',
    e.desc,
    e.account ?? e.accountUid ?? '-',
    '-',
    short,
    e.message,
    '2',
    e.source,
    e.nid ?? '-',
    [e.status, e.rule].filter((x) => x !== undefined).join(' ') || '-',
    'pophist',
    extra || '-',
  ].map((v) => escapeText(v));
}

function* l2tcsv(events: Iterable<TimelineEvent>): Generator<string> {
  for (const e of events) yield `${l2tRow(e).map(csvCell).join(',')}\r\n`;
}

/** A body-file field: escaped, and `|` (the separator) written as its escape too. */
const bodyField = (s: string): string => escapeText(s).replace(/\|/g, '\\x7C');

function* bodyfile(events: Iterable<TimelineEvent>): Generator<string> {
  for (const e of events) {
    const t = String(Math.max(0, Math.floor(e.ms / 1000)));
    const provenance = [
      `source: ${e.source}`,
      e.account !== undefined ? `account: ${e.account}` : undefined,
      e.uid !== undefined ? `uid: ${e.uid}` : undefined,
      e.status !== undefined ? `status: ${e.status}` : undefined,
      e.rule !== undefined ? `rule: ${e.rule}` : undefined,
      e.evidence !== undefined ? `evidence: ${e.evidence}` : undefined,
      e.folder !== undefined ? `folder: ${e.folder}` : undefined,
      e.nid !== undefined ? `nid: ${e.nid}` : undefined,
      e.recoveredFrom !== undefined ? `recovered from: ${e.recoveredFrom}` : undefined,
      e.version !== undefined ? `version: ${e.version}` : undefined,
    ].filter((x): x is string => x !== undefined);
    // Body-file times are unsigned Unix seconds: a tag dated before 1970 (a damaged or forged blob) keeps
    // its row at time 0, and its real time is written in the name rather than as negative seconds.
    if (e.ms < 0) provenance.push(`time: ${new Date(e.ms).toISOString()}, before 1970, not representable in a body file`);
    const name = bodyField(`${e.desc}: ${e.message} [${provenance.join('; ')}]`);
    const inode = e.nid !== undefined ? String(parseInt(e.nid, 16)) : '0';
    // All four times: mactime prints a 0 time as a dated line of its own ("Xxx Xxx 00 0000"), so an event
    // is one "macb" line, and the name says what the time is.
    yield `0|${name}|${inode}|r/rr--r--r--|0|0|0|${t}|${t}|${t}|${t}\n`;
  }
}

const FORMATS: Record<TimelineFormat, { header?: readonly string[]; rows: (events: Iterable<TimelineEvent>) => Iterable<string> }> = {
  'timesketch-jsonl': { rows: timesketchJsonl },
  'timesketch-csv': { header: TIMESKETCH_COLUMNS, rows: timesketchCsv },
  l2tcsv: { header: L2TCSV_COLUMNS, rows: l2tcsv },
  bodyfile: { rows: bodyfile },
};

/** A timeline format as a renderer: the CSV formats' header first, then each source's events as it comes. */
export function timelineRenderer(format: TimelineFormat): Renderer {
  const f = FORMATS[format];
  return {
    begin: () => (f.header ? [`${f.header.join(',')}\r\n`] : []),
    source: (s: Source) => f.rows(sourceTimeline(s)),
    end: () => [],
  };
}

/** A case's events in a timeline format, its header (for the CSV formats) first; Timesketch CSV with a `version` column. */
export function* caseTimelineText(format: TimelineFormat, events: Iterable<TimelineEvent>): Generator<string> {
  if (format === 'timesketch-csv') {
    yield `${CASE_TIMESKETCH_COLUMNS.join(',')}\r\n`;
    yield* timesketchCsv(events, CASE_TIMESKETCH_COLUMNS);
    return;
  }
  const f = FORMATS[format];
  if (f.header) yield `${f.header.join(',')}\r\n`;
  yield* f.rows(events);
}
