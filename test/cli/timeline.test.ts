// `inspect --timeline`: every sample (and a store of hostile strings) in each format, checked by the
// rules of the tool that reads it: Timesketch's importer (test/support/timeline_rules.py, Debian's
// python3), plaso's 17 l2tcsv columns, and The Sleuth Kit's own `mactime` reading the body file.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/corpus.js';
import { FORMULA_UID, SCRIPT_UID, SEPARATOR_UID, writeHostileReportSample } from '../support/hostile-report-sample.js';
import { samplePath } from '../support/samples.js';
import { describeWithTool } from '../support/tools.js';

const SAMPLES = ['pop3-unicode.pst', 'pop3-ansi-cyclic.pst', 'two-accounts.pst', 'localized-inbox.pst', 'pre2010-profile.pst', 'no-history.pst', 'correlation-cases.pst', 'message-manager.msg', 'pop3-no-account.pst', 'pop3-no-history.pst', 'pop3-embedded.msg'];
const work = mkdtempSync(join(tmpdir(), 'pophist-timeline-'));

interface RuleEvent {
  us: number;
  desc: string;
  message: string;
}

function timeline(input: string, format: string): string {
  const r = runCli(['inspect', input, '--timeline', format]);
  // A timeline row needs a time: the run says on stderr that the timeline is whole.
  expect(r.stderr).toBe('pophist: timeline complete: 1 source\n');
  return r.stdout;
}

/** The python checker's events for one output, or its complaint as a failed assertion. */
function checked(kind: 'jsonl' | 'csv' | 'l2tcsv', text: string): RuleEvent[] {
  const file = join(work, `${kind}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, text);
  return JSON.parse(execFileSync('/usr/bin/python3', [join(repoRoot, 'test/support/timeline_rules.py'), kind, file], { encoding: 'utf8' })) as RuleEvent[];
}

/** How many rows the report's facts make: tags, the managers' two times, a matched message's creation and delivery, unexplained messages. */
function expectedRows(report: Report): number {
  let n = 0;
  for (const s of report.sources) {
    for (const m of s.managers) n += (m.created ? 1 : 0) + (m.modified ? 1 : 0);
    for (const h of s.histories) {
      n += h.entries.length + (h.unexplained?.length ?? 0);
      for (const g of h.notInHistory ?? []) for (const m of g.messages) n += (m.created ? 1 : 0) + (m.delivered ? 1 : 0);
      for (const e of h.entries) if (e.correlation?.status === 'matched') for (const c of e.correlation.candidates) n += 1 + (c.delivered ? 1 : 0);
    }
    for (const d of s.downloads ?? []) n += (d.created ? 1 : 0) + (d.delivered ? 1 : 0);
    for (const u of s.unattributed ?? []) n += u.firstDelivered ? 2 : 0;
  }
  return n;
}

const inputs: { name: string; path: string }[] = SAMPLES.map((name) => ({ name, path: samplePath(name) }));
beforeAll(() => {
  inputs.push({ name: 'hostile-report.pst', path: writeHostileReportSample() });
});

describeWithTool('/usr/bin/python3', 'python3', 'Timesketch JSONL and CSV, l2tcsv: the importers\' rules', () => {
  it.each(SAMPLES.concat('hostile-report.pst'))('%s: every event passes, once per line, in all three', (name) => {
    const { path } = inputs.find((i) => i.name === name)!;
    const report = JSON.parse(runCli(['inspect', path, '--json']).stdout) as Report;
    const jsonl = timeline(path, 'timesketch-jsonl');
    const events = checked('jsonl', jsonl);
    expect(events.length).toBe(expectedRows(report));
    expect(jsonl.split('\n').length).toBe(events.length + 1);
    // The CSV carries the same events; l2tcsv the same seconds (UTC, MM/DD/YYYY) and descriptions.
    expect(checked('csv', timeline(path, 'timesketch-csv'))).toEqual(events);
    const l2t = checked('l2tcsv', timeline(path, 'l2tcsv'));
    expect(l2t.map((e) => [Math.floor(e.us / 1e6), e.desc])).toEqual(events.map((e) => [Math.floor(e.us / 1e6), e.desc]));
    // Each tag is one row at its time, with its operation's description.
    const tags = report.sources.flatMap((s) => s.histories.flatMap((h) => h.entries));
    const desc = { downloaded: 'POP3 download', deleted: 'POP3 server deletion', 'downloaded-and-deleted': 'POP3 download and server deletion' };
    for (const t of tags) expect(events.some((e) => e.us === Date.parse(t.time) * 1000 && e.desc === desc[t.operation])).toBe(true);
  });

  it('the downloads the history no longer lists are rows of their own; evidence and ruled-out time matches are named', () => {
    const rows = timeline(samplePath('pop3-unicode.pst'), 'timesketch-jsonl').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const gone = rows.filter((r) => r.status === 'not-in-history');
    expect(gone.map((r) => [r.event_kind, r.uid, r.folder, r.datetime])).toEqual([
      ['not-in-history-created', 'expired-uid-5', '/Top of Personal Folders/Inbox', '2024-03-04T07:59:00+00:00'],
      ['not-in-history-delivered', 'expired-uid-5', '/Top of Personal Folders/Inbox', '2024-03-04T07:58:30+00:00'],
      ['not-in-history-created', 'expired-uid-5', '/Top of Personal Folders/Deleted Items', '2024-03-04T07:59:00+00:00'],
      ['not-in-history-delivered', 'expired-uid-5', '/Top of Personal Folders/Deleted Items', '2024-03-04T07:58:30+00:00'],
    ]);
    expect(gone[0]!.message).toBe(
      "Message 'Downloaded, UID no longer listed' in /Top of Personal Folders/Inbox created (POP://pop.example.com/expired-uid-5, downloaded by alice@example.com, but the history no longer lists the UID)",
    );
    const first = rows.find((r) => r.uid === '0BC535DB-EA63-11E1-A75C-00215AD7BB74' && r.event_kind === 'tag')!;
    expect(first.evidence).toBe('PidLidRemoteEntryId PidLidInternetAccountName PR_CREATION_TIME PR_MESSAGE_DELIVERY_TIME');
    const moved = rows.find((r) => r.uid === 'moved-away-1' && r.event_kind === 'tag')!;
    expect(moved.message).toBe(
      "POP3 download of UID moved-away-1 (alice@example.com), not in this store (deleted or moved out after the download); a time match with 'POP3 message 12-12-12' in /Top of Personal Folders/Inbox was ruled out: its PidLidRemoteEntryId names POP://pop.example.com/12-12-12, not moved-away-1",
    );
  });

  it('a row reads alone: what happened, to which UID, for which account, matched where and by which rule', () => {
    const rows = timeline(samplePath('pop3-unicode.pst'), 'timesketch-jsonl').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const first = rows.find((r) => r.uid === '0BC535DB-EA63-11E1-A75C-00215AD7BB74' && r.event_kind === 'tag')!;
    expect(first.message).toBe(
      "POP3 download of UID 0BC535DB-EA63-11E1-A75C-00215AD7BB74 (alice@example.com), matched to 'POP3 message 0BC535DB-EA63-11E1-A75C-00215AD7BB74' in /Top of Personal Folders/Inbox by remote-uid",
    );
    expect(first).toMatchObject({ datetime: '2024-03-04T08:00:05+00:00', timestamp: 1709539205000000, source_file: samplePath('pop3-unicode.pst'), account: 'alice@example.com', account_uid: 'da8ea945', status: 'matched', rule: 'remote-uid', folder: '/Top of Personal Folders/Inbox' });
    expect(first.nid).toMatch(/^0x[0-9a-f]+$/);
    const gone = rows.find((r) => r.uid === 'gone-1@pop.example.net')!;
    expect(gone.message).toBe('POP3 download of UID gone-1@pop.example.net (alice@example.com), not in this store (deleted or moved out after the download)');
    const draft = rows.find((r) => r.event_kind === 'unexplained-created')!;
    expect(draft).toMatchObject({ subject: 'Imported message with no POP3 origin', status: 'unexplained', datetime: '2024-03-04T08:43:00+00:00' });
    expect(rows.filter((r) => r.timestamp_desc === 'POP3 server deletion').map((r) => r.uid)).toEqual(['UIDL_000003', '12-12-12']);
    expect(rows.filter((r) => String(r.timestamp_desc).startsWith('Message Manager')).map((r) => r.datetime)).toEqual(['2024-03-01T09:00:00+00:00', '2024-03-04T09:30:05+00:00']);
  });

  it('hostile strings keep every row whole: separators quoted, newlines escaped, formulas defused in CSV', () => {
    const path = inputs.find((i) => i.name === 'hostile-report.pst')!.path;
    const text = timeline(path, 'timesketch-jsonl');
    expect(text).not.toMatch(/[\u2028\u2029]/);
    const jsonl = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(jsonl.filter((r) => r.uid === SCRIPT_UID)).not.toHaveLength(0);
    expect(jsonl.find((r) => r.uid === SEPARATOR_UID.replace('\n', '\\x0A').replace('\u2028', '\\u2028'))).toBeDefined();
    expect(jsonl.find((r) => r.uid === FORMULA_UID)).toBeDefined();
    const csv = timeline(path, 'timesketch-csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://example.com"")"`);
    expect(csv).not.toMatch(/(^|,)=/m);
  });
});

describeWithTool('/usr/bin/python3', 'python3', '--recover: older managers and histories on the timeline', () => {
  it.each(['pop3-rewritten.pst', 'pop3-rewritten-ansi.pst'])('%s: a row per recovered time and tag, marked, by the importers\' rules', (name) => {
    const path = samplePath(name);
    const report = JSON.parse(runCli(['inspect', path, '--recover', '--json']).stdout) as Report;
    const recovered = report.sources.flatMap((s) => s.recovered ?? []);
    const times = recovered.reduce((n, r) => n + (r.kind === 'manager' ? (r.created ? 1 : 0) + (r.modified ? 1 : 0) : r.kind === 'history' ? r.entries.length : 0), 0);
    expect(times).toBeGreaterThan(0);
    const text = runCli(['inspect', path, '--recover', '--timeline', 'timesketch-jsonl']).stdout;
    const events = checked('jsonl', text);
    expect(events.length).toBe(expectedRows(report) + times);
    expect(checked('csv', runCli(['inspect', path, '--recover', '--timeline', 'timesketch-csv']).stdout)).toEqual(events);
    expect(checked('l2tcsv', runCli(['inspect', path, '--recover', '--timeline', 'l2tcsv']).stdout)).toHaveLength(events.length);
    const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    const olderOnly = recovered.flatMap((r) => (r.kind === 'history' ? (r.live?.olderOnly ?? []) : []));
    expect(olderOnly.length).toBeGreaterThan(0);
    for (const o of olderOnly) {
      const row = rows.find((r) => r.event_kind === 'recovered-tag' && r.uid === o.uid && r.datetime === `${o.time.slice(0, -1)}+00:00`)!;
      expect(row.status).toBe('recovered-older-only');
      expect(row.message).toContain('the live history no longer lists it');
      expect(row.recovered_from).toMatch(/^offset \d+, block 0x[0-9A-F]+/);
    }
  });
});

describeWithTool('mactime', 'sleuthkit', 'body file through mactime', () => {
  it.each(SAMPLES.concat('hostile-report.pst'))('%s: mactime prints one line per event at its UTC time', (name) => {
    const { path } = inputs.find((i) => i.name === name)!;
    const jsonl = timeline(path, 'timesketch-jsonl').trimEnd();
    const want = jsonl === '' ? [] : jsonl.split('\n').map((l) => (JSON.parse(l) as { timestamp: number }).timestamp / 1000);
    const body = join(work, `${name}.body`);
    writeFileSync(body, timeline(path, 'bodyfile'));
    for (const line of timeline(path, 'bodyfile').split('\n').slice(0, -1)) expect(line.split('|')).toHaveLength(11);
    const out = execFileSync('mactime', ['-b', body, '-z', 'UTC', '-d'], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(out[0]).toBe('Date,Size,Type,Mode,UID,GID,Meta,File Name');
    // `-d`: "Mon Mar 04 2024 08:00:05,0,macb,…" — the weekday checks the date as well as the parse.
    const got = out.slice(1).map((l) => {
      const m = /^(\w{3}) (\w{3} \d\d \d{4} \d\d:\d\d:\d\d),0,macb,/.exec(l);
      expect(m, l).not.toBeNull();
      const ms = Date.parse(`${m![2]} UTC`);
      expect(new Date(ms).toUTCString().slice(0, 3)).toBe(m![1]);
      return ms;
    });
    expect(got).toEqual([...want].sort((a, b) => a - b));
  });
});
