// The naming rules a history is tied to its account by (Microsoft, "Locating the message download
// history for a POP3 account"): what every tie and every finding on a missing account rests on.

export type TieRule = 'mini-uid' | 'smtp-address';

/** What each tie rests on, said with every tie. */
export const TIE_RULES: Record<TieRule, string> = {
  'mini-uid': 'the history attachment is named "Blob%.8x" of its account\'s Mini UID (Microsoft: Locating the message download history for a POP3 account); the tie rests on that rule alone',
  'smtp-address': 'the history attachment is named "BlobPOP" + its account\'s SMTP address (same page), compared with the account\'s Email; the tie rests on that rule alone',
};
