// Samples of POP3 origins as real evidence shows them: a store whose downloads name no account and
// whose history lists only the newest (the shape of a real pt-BR store), a store with downloads and
// no history, and a saved e-mail (.msg) whose embedded messages carry their origin.

import { NamedProp } from '../../src/pst/messaging/namedprops.js';
import { PropType } from '../../src/pst/ltp/proptype.js';
import type { MsgNamedValue, MsgSpec } from '../msgwrite/index.js';
import { modernManager } from './spec-common.js';
import type { OtherMessage, SampleSpec } from './spec.js';

export const ANONYMOUS_SERVER = 'smtp3.example.net';
const uidOf = (n: number): string => `UID${String(n).padStart(4, '0')}`;
/** Download n of 41, a day apart from 2024-05-01 at 09:00 plus n minutes. */
const dayOf = (n: number): string => new Date(Date.UTC(2024, 4, 1, 9, n) + (n - 1) * 86_400_000).toISOString().replace('.000Z', 'Z');
const FOLDER_OF = ['Caixa de Entrada', 'Caixa de Entrada/Clientes', 'Deleted Items'];

export const ORIGIN_SAMPLES: SampleSpec[] = [
  {
    file: 'pop3-no-account.pst',
    variant: 'unicode',
    encryption: 'permute',
    displayName: 'Caixa POP3',
    inboxName: 'Caixa de Entrada',
    folders: ['Caixa de Entrada/Clientes'],
    pop3Server: ANONYMOUS_SERVER,
    pop3Anonymous: true,
    description:
      '41 downloads from one server whose messages carry PidLidRemoteEntryId but no account name or stamp; the history (named Blob<mini UID> and Restags<mini UID> only, no BlobPOP<address>) lists only the 5 newest. The 36 others are attributed to its account by server.',
    manager: modernManager([
      {
        smtp: 'contato@example.com.br',
        miniUid: '00000003',
        naming: 'mini-uid-only',
        tags: [37, 38, 39, 40, 41].map((n) => ({ operation: 'downloaded' as const, content: 'body' as const, time: dayOf(n), uid: uidOf(n), folder: 'Caixa de Entrada' })),
      },
    ]),
    otherMessages: Array.from({ length: 36 }, (_, k): OtherMessage => ({
      folder: FOLDER_OF[k % 3]!,
      subject: `Pedido ${k + 1}`,
      created: dayOf(k + 1),
      origin: { server: ANONYMOUS_SERVER, uid: uidOf(k + 1) },
    })),
  },
  {
    file: 'pop3-no-history.pst',
    variant: 'unicode',
    encryption: 'permute',
    displayName: 'Downloads, no history',
    inboxName: 'Inbox',
    folders: ['Inbox/Archive'],
    description:
      'No Message Manager: 5 messages downloaded from two POP3 servers (one in two copies) and one imported message. The downloads are reported by server; the status stays no-history.',
    otherMessages: [
      { folder: 'Inbox', subject: 'First download', created: '2024-06-03T08:00:00Z', origin: { server: 'pop.example.com', uid: 'a-1', account: 'hana@example.com' } },
      { folder: 'Inbox', subject: 'Second download', created: '2024-06-03T09:00:00Z', origin: { server: 'pop.example.com', uid: 'a-2', account: 'hana@example.com' } },
      { folder: 'Inbox/Archive', subject: 'Second download', created: '2024-06-03T09:00:00Z', origin: { server: 'pop.example.com', uid: 'a-2', account: 'hana@example.com' } },
      { folder: 'Inbox/Archive', subject: 'Third download', created: '2024-06-04T10:00:00Z', origin: { server: 'pop.example.com', uid: 'a-3', account: 'hana@example.com' } },
      { folder: 'Inbox', subject: 'From the other server', created: '2024-06-05T11:00:00Z', origin: { server: 'pop.other.example', uid: '0M0C9Q$2d1', account: 'hana@other.example' } },
      { folder: 'Inbox', subject: 'Imported message with no POP3 origin', created: '2024-06-05T12:00:00Z' },
    ],
  },
];

/** PidLidRemoteEntryId, the account's name and its stamp, as Outlook writes them on a download. */
function origin(server: string, uid: string, account: string): MsgNamedValue[] {
  const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(`${s}\0`, 'utf16le'));
  return [
    { name: NamedProp.RemoteEntryId, type: PropType.Binary, bytes: text(`POP://${server}/${uid}`) },
    { name: NamedProp.InternetAccountName, type: PropType.Unicode, bytes: text(account) },
    { name: NamedProp.InternetAccountStamp, type: PropType.Unicode, bytes: text(`00000003\x01${account}`) },
  ];
}

function received(subject: string, at: string, extra: Partial<MsgSpec> = {}): MsgSpec {
  const created = new Date(at);
  return {
    messageClass: 'IPM.Note',
    subject,
    created,
    modified: created,
    delivered: new Date(created.getTime() - 20_000),
    internetMessageId: `<${subject.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.net>`,
    recipient: 'ivo@example.com',
    attachments: [],
    ...extra,
  };
}

/**
 * A forwarded mail saved as .msg: the top message has no origin; attachment 0 is a downloaded
 * message, attachment 1 a file, attachment 2 a forward that embeds another download (with a `$2d`
 * escape in its UID) one level further down.
 */
export const POP3_MSG_SAMPLE: { file: string; spec: MsgSpec } = {
  file: 'pop3-embedded.msg',
  spec: received('Fwd: two downloads', '2024-07-02T10:00:00Z', {
    attachments: [
      { displayName: 'Invoice 7', embedded: received('Invoice 7', '2024-07-01T08:00:00Z', { named: origin('pop.example.com', 'UIDL_000100', 'ivo@example.com') }) },
      { filename: 'notes.txt', longFilename: 'notes.txt', data: new Uint8Array(Buffer.from('Forwarded with two mails.\r\n')) },
      {
        displayName: 'Fwd: delivery report',
        embedded: received('Fwd: delivery report', '2024-07-01T09:00:00Z', {
          attachments: [{ displayName: 'Delivery report', embedded: received('Delivery report', '2024-07-01T07:30:00Z', { named: origin('pop.gmx.example', '0M0C9Q$2d1OZP9', 'ivo@gmx.example') }) }],
        }),
      },
    ],
  }),
};
