// The samples of issue 25: a history altered the way an insider would alter it, and the innocent
// cases that must not be flagged, in a Unicode store with permute encoding and an ANSI store with
// cyclic encoding. Kept apart from SAMPLES: their expected findings are their own test's
// (test/cli/consistency-samples.test.ts), and samples/README.md states them.

import { GENERAL_KEY, type AccountSpec, type SampleSpec, type TagSpec } from './spec.js';

const DAY = 86_400;
const t = (s: string): string => `2024-05-06T${s}Z`;

/** What a tag of these samples is, for the test: altered (and how), or innocent. */
export type Tampering = 'rewritten-uid' | 'altered-with-stale-crc';

export interface ConsistencyTag extends TagSpec {
  tampered?: Tampering;
}

/**
 * `x-5` is the tag that said `x-8`: the insider rewrote its UID to that of a message downloaded a
 * week earlier (two copies), and its time is still the second at which `x-8`'s message was created.
 * `x-copied` was copied to another folder a day after its download; `x-waited` waited two days on
 * the server. An older version of the manager holds the same tags but the last: Outlook rewrote it.
 */
function tags(prefix: string): ConsistencyTag[] {
  return [
    { operation: 'downloaded', content: 'body', time: t('09:00:00'), uid: `${prefix}-1`, folder: 'Inbox' },
    { operation: 'downloaded', content: 'body', time: t('09:01:00'), uid: `${prefix}-copied`, folder: 'Inbox', laterCopies: [{ folder: 'Archive', afterSeconds: DAY }] },
    { operation: 'downloaded', content: 'body', time: t('09:02:00'), uid: `${prefix}-5`, folder: 'Inbox', copies: ['Inbox/Projects'], skewSeconds: -7 * DAY, tampered: 'rewritten-uid' },
    { operation: 'downloaded', content: 'header', time: t('09:03:00'), uid: `${prefix}-waited`, folder: 'Inbox', waitedSeconds: 2 * DAY },
    { operation: 'downloaded', content: 'body', time: t('09:04:00'), uid: `${prefix}-9`, folder: 'Inbox' },
  ];
}

function account(smtp: string, miniUid: string, prefix: string, damaged: boolean): AccountSpec {
  const all = tags(prefix);
  // The stale-CRC case: tag 0's time was moved a day back in the block, and the CRC left as it was.
  if (damaged) all[0] = { ...all[0]!, tampered: 'altered-with-stale-crc' };
  return { smtp, miniUid, naming: 'outlook2016', tags: all };
}

function sample(file: string, variant: 'unicode' | 'ansi', encryption: 'permute' | 'cyclic', prefix: string, server: string, smtp: string, damaged: boolean): SampleSpec {
  const a = account(smtp, variant === 'unicode' ? '5a5a0001' : '5a5a0002', prefix, damaged);
  return {
    file,
    variant,
    encryption,
    displayName: `Tampered (${variant})`,
    inboxName: 'Inbox',
    folders: ['Inbox/Projects', 'Archive'],
    pop3Server: server,
    manager: { profileName: '', key: GENERAL_KEY, conversationKey: GENERAL_KEY, created: '2024-05-01T08:00:00Z', accounts: [a] },
    ...(damaged ? { damageHistoryTag: { uid: `${prefix}-1`, time: '20240505090000' } } : { olderManagers: [{ accounts: [{ ...a, tags: a.tags.slice(0, -1) }] }] }),
    otherMessages: [{ folder: 'Inbox', subject: `POP3 message ${prefix}-8`, created: t('09:02:00'), origin: { server, uid: `${prefix}-8`, account: smtp } }],
    description: damaged
      ? "The same history, read from a block whose bytes were altered after Outlook wrote them: tag 0's time moved a day back, the block's CRC left stale."
      : "A history whose tag 2 was rewritten from x-8 to the UID of a message downloaded a week before; a copy made a day later, a message that waited two days on the server, and an older version Outlook rewrote with the same tags.",
  };
}

export const CONSISTENCY_SAMPLES: SampleSpec[] = [
  sample('pop3-tampered.pst', 'unicode', 'permute', 'x', 'pop.example.com', 'ivy@example.com', false),
  sample('pop3-tampered-ansi.pst', 'ansi', 'cyclic', 'y', 'pop.example.org', 'jon@example.org', false),
  sample('pop3-damaged.pst', 'unicode', 'permute', 'x', 'pop.example.com', 'ivy@example.com', true),
  sample('pop3-damaged-ansi.pst', 'ansi', 'cyclic', 'y', 'pop.example.org', 'jon@example.org', true),
];
