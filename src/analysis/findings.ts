// A finding on one entry of a history: a fact that the tags and the store's other records do not
// agree on, with the numbers; EXPLANATION says, once per code, what can explain it, and
// docs/findings.md what it proves, which innocent causes fit and what to check next.

export type FindingCode =
  | 'created-before-download'
  | 'copied-later'
  | 'delivered-after-download'
  | 'another-download-at-tag-time'
  | 'duplicate-uid'
  | 'operations-out-of-order'
  | 'time-goes-backwards'
  | 'time-after-last-write'
  | 'history-rewritten';

export interface Finding {
  code: FindingCode;
  /** `warning`: the entry is inconsistent; `info`: a fact worth knowing that fits an honest history. */
  severity: 'info' | 'warning';
  /** What was seen, with its numbers. */
  detail: string;
  /** Seconds from the tag's time to the other record's (positive: the record is later). */
  deltaSeconds?: number;
  /** The message concerned, when the finding compares the tag with a message. */
  nid?: string;
  /** The other entry of the history concerned, and the byte offset of this entry's tag. */
  otherEntry?: number;
  offset?: number;
}

/** One sentence per code: the explanations that fit, innocent ones included. Said once per history, not per entry. */
export const EXPLANATION: Record<FindingCode, string> = {
  'created-before-download':
    'the message existed before the download the tag records: the tag (its time or UID) or the message was altered, or the server reused the UID; a copy never predates its original',
  'copied-later': 'a copy made after the download (moved or copied to another folder, restored from an archive) keeps the delivery time and gets a new creation time',
  'delivered-after-download': 'a message cannot reach the server after it was downloaded: the tag or the message was altered, unless the delivery time came from a skewed clock',
  'another-download-at-tag-time':
    "the message Outlook created at the tag's second names another UID whose own tag does not explain it: the tag's UID may have been rewritten",
  'duplicate-uid': 'Outlook keeps one tag per UID: two tags of one UID with different times mean an edited history or a server that reused the UID',
  'operations-out-of-order': 'a UID deleted on the server before it was downloaded: the tags were edited, or the clock went back between them',
  'time-goes-backwards': 'Outlook appends tags in time order: an earlier time after a later one means an edit, or a clock set back between the downloads',
  'time-after-last-write': 'a tag dated after the last write of the store or of its Message Manager was written later than the file says, or by a clock set ahead',
  'history-rewritten': 'an older version of the history recovered from freed space holds this UID with another time or operation: the live history was rewritten',
};

export function finding(code: FindingCode, severity: Finding['severity'], detail: string, extra: Omit<Finding, 'code' | 'severity' | 'detail'> = {}): Finding {
  return { code, severity, detail, ...extra };
}
