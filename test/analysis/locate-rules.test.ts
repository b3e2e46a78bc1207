// Message Manager matching and Outlook's own choice (analysis/locate/match-managers.ts,
// outlook-choice.ts; docs/format.md §1.2, §1.3) on candidates held in memory, as the PST locator
// and the .msg reader hand them over.

import { describe, expect, it } from 'vitest';
import { encodeBlob } from '../../src/analysis/history/blob.js';
import type { AttachmentCandidate, ManagerCandidate } from '../../src/analysis/locate/manager-candidate.js';
import { analyze, GENERAL_KEY } from '../../src/analysis/locate/match-managers.js';

const SUBJECT_2010 = 'Outlook Message Manager () (KEY: 47656E6572616C204B657900)';
const OLD_KEY = Uint8Array.from(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));
const OLD_SUBJECT = 'Outlook Message Manager (Outlook) (KEY: 00112233445566778899AABBCCDDEEFF)';
const blob = encodeBlob([{ operation: 'downloaded', content: 'body', time: '2020-01-02T03:04:05Z', uid: 'u1' }]);

const manager = (over: Partial<ManagerCandidate> = {}): ManagerCandidate => ({ messageClass: 'IPM.MessageManager', inInbox: true, attachments: [], ...over });
const attachment = (index: number, over: Partial<AttachmentCandidate> = {}): AttachmentCandidate => ({ index, data: blob, ...over });

describe('how a Message Manager matches', () => {
  it('by conversation key, then search key, then subject, else by class only (Outlook 2010+ defaults)', () => {
    const a = analyze([
      manager({ conversationKey: GENERAL_KEY, searchKey: OLD_KEY, subject: 'x' }),
      manager({ searchKey: GENERAL_KEY }),
      manager({ subject: SUBJECT_2010 }),
      manager({ subject: OLD_SUBJECT }),
    ]);
    expect(a.managers.map((m) => m.matchedBy)).toEqual(['conversation-key', 'search-key', 'subject', 'class']);
    expect(a.managers.every((m) => m.selected === undefined)).toBe(true);
  });

  it('reads the profile name and key from the subject, and names the General Key', () => {
    const [modern, old] = analyze([manager({ subject: SUBJECT_2010 }), manager({ subject: OLD_SUBJECT })]).managers;
    expect(modern).toMatchObject({ profileName: '', key: '47656E6572616C204B657900', keyText: 'General Key' });
    expect(old).toMatchObject({ profileName: 'Outlook', key: '00112233445566778899AABBCCDDEEFF' });
    expect(old!.keyText).toBeUndefined();
  });

  it("matches a pre-2010 manager once the analyst gives its profile's key and name", () => {
    expect(analyze([manager({ subject: OLD_SUBJECT })], { searchKey: OLD_KEY, profileName: 'Outlook' }).managers[0]).toMatchObject({ matchedBy: 'subject', selected: true });
    expect(analyze([manager({ searchKey: OLD_KEY })], { searchKey: OLD_KEY }).managers[0]).toMatchObject({ matchedBy: 'search-key', selected: true });
  });
});

describe('which attachment holds an account', () => {
  it('by long filename, filename, display name, then Blob + mini UID; Restags is never the history', () => {
    const a = analyze([
      manager({
        attachments: [
          attachment(0, { longFilename: 'BlobPOPa@example.com', filename: 'Blobda8ea945', additionalInfo: Uint8Array.of(0x45, 0xa9, 0x8e, 0xda) }),
          attachment(1, { filename: 'BlobPOPb@example.com' }),
          attachment(2, { displayName: 'BlobPOPc@example.com' }),
          attachment(3, { filename: 'Blob0000BEEF' }),
          attachment(4, { longFilename: 'RestagsPOPa@example.com', filename: 'Restagsda8ea945', data: new Uint8Array(0) }),
          attachment(5, { filename: 'notes.txt' }),
        ],
      }),
    ]);
    expect(a.managers[0]!.attachments.map((x) => [x.role, x.rule, x.smtp, x.accountUid])).toEqual([
      ['history', 'long-filename', 'a@example.com', 'da8ea945'],
      ['history', 'filename', 'b@example.com', undefined],
      ['history', 'display-name', 'c@example.com', undefined],
      ['history', 'mini-uid', undefined, '0000beef'],
      ['restags', 'long-filename', 'a@example.com', 'da8ea945'],
      ['other', undefined, undefined, undefined],
    ]);
    // Four histories decoded; the empty Restags is normal and says nothing.
    expect(a.histories.map((h) => [h.attachment, h.role, h.blob.entries.length])).toEqual([
      [0, 'history', 1],
      [1, 'history', 1],
      [2, 'history', 1],
      [3, 'history', 1],
    ]);
    expect(a.warnings).toEqual([]);
  });

  it('warns of a name whose mini UID PR_ATTACH_ADDITIONAL_INFO contradicts, and of an empty Blob', () => {
    const a = analyze([manager({ nid: '0x200024', attachments: [attachment(0, { filename: 'Blobda8ea945', additionalInfo: Uint8Array.of(1, 0, 0, 0) }), attachment(1, { filename: 'BlobPOPx@y', data: new Uint8Array(0) })] })]);
    expect(a.warnings.map((w) => w.code)).toEqual(['ACCOUNT_UID_MISMATCH', 'EMPTY_HISTORY']);
    expect(a.warnings[0]!.message).toContain('da8ea945');
    expect(a.warnings[0]!.message).toContain('00000001');
  });
});

describe("Outlook's own choice", () => {
  const two = (): ManagerCandidate[] => [
    manager({ folder: '/Archive', inInbox: false, conversationKey: GENERAL_KEY, attachments: [attachment(0, { longFilename: 'BlobPOPa@example.com' })] }),
    manager({ subject: SUBJECT_2010, attachments: [attachment(0, { longFilename: 'BlobPOPb@example.com' }), attachment(1, { longFilename: 'BlobPOPa@example.com', filename: 'Blob0badf00d' })] }),
  ];

  it('is the Inbox manager by the strongest rule, then the attachment named for the account', () => {
    const a = analyze(two(), { smtp: 'a@example.com' });
    expect(a.managers.map((m) => m.selected)).toEqual([false, true]);
    expect(a.managers[1]!.attachments.map((x) => x.selected)).toEqual([false, true]);
    expect(a.histories.filter((h) => h.selected).map((h) => [h.manager, h.attachment])).toEqual([[1, 1]]);
    expect(a.warnings).toEqual([]);
  });

  it('finds the attachment by mini UID, whatever the case of its digits', () => {
    const a = analyze(two(), { accountUid: '0BADF00D' });
    expect(a.managers[1]!.attachments.map((x) => x.selected)).toEqual([false, true]);
  });

  it('says why nothing is selected: no Inbox manager matches, or no attachment is named for the account', () => {
    const none = analyze([two()[0]!], { profileName: '' });
    expect(none.warnings.map((w) => w.code)).toEqual(['NOTHING_SELECTED']);
    expect(none.warnings[0]!.message).toContain('no Message Manager in the Inbox');
    const noAccount = analyze(two(), { smtp: 'z@example.com' });
    expect(noAccount.managers[1]!.selected).toBe(true);
    expect(noAccount.warnings[0]!.message).toContain('no attachment of the selected Message Manager is named for SMTP address z@example.com');
  });
});
