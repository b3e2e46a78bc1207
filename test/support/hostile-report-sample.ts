// A store whose evidence strings are hostile to the report formats: a UID that is a script tag,
// one with CSV and body-file separators, quotes, a newline and a formula, and an unexplained
// message whose subject is an <img onerror> tag. Written with our own PST writer into a
// temporary directory (it is test input, not a reference sample), over three days.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSample } from '../../tools/samples/build.js';
import { GENERAL_KEY, type SampleSpec } from '../../tools/samples/spec.js';

export const SCRIPT_UID = '<script>alert(1)</script>';
export const IMG_SUBJECT = '<img src=x onerror=alert(2)>';
export const SEPARATOR_UID = 'a,b|c"d\'e\nf=1+2\u2028g';
export const FORMULA_UID = '=HYPERLINK("http://example.com")';

export const HOSTILE_REPORT_SPEC: SampleSpec = {
  file: 'hostile-report.pst',
  variant: 'unicode',
  encryption: 'none',
  displayName: '<b>Mallory</b>',
  inboxName: 'Inbox',
  folders: [],
  description: 'Evidence strings that are markup, separators and formulas.',
  manager: {
    profileName: '',
    key: GENERAL_KEY,
    conversationKey: GENERAL_KEY,
    created: '2024-05-01T08:00:00Z',
    accounts: [
      {
        smtp: '"><svg onload=alert(3)>@example.com',
        miniUid: 'abcdef01',
        naming: 'outlook2016',
        tags: [
          { operation: 'downloaded', content: 'body', time: '2024-05-01T09:00:00Z', uid: SCRIPT_UID, folder: 'Inbox' },
          { operation: 'downloaded', content: 'body', time: '2024-05-01T09:05:00Z', uid: SEPARATOR_UID },
          { operation: 'downloaded-and-deleted', content: 'body', time: '2024-05-02T10:00:00Z', uid: FORMULA_UID, folder: 'Inbox' },
          { operation: 'deleted', content: 'none', time: '2024-05-04T11:00:00Z', uid: SCRIPT_UID },
        ],
      },
    ],
  },
  otherMessages: [{ folder: 'Inbox', subject: IMG_SUBJECT, created: '2024-05-02T09:00:00Z' }],
};

/** Writes the store into a new temporary directory and returns its path. */
export function writeHostileReportSample(): string {
  return writeSample(HOSTILE_REPORT_SPEC, mkdtempSync(join(tmpdir(), 'pophist-hostile-report-')));
}
