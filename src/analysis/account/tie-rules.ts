// The naming rules a history is tied to its account by (Microsoft, "Locating the message download
// history for a POP3 account"): what every tie and every finding on a missing account rests on.

export type TieRule = 'mini-uid' | 'additional-info' | 'smtp-address';

/** What each tie rests on, said with every tie. */
export const TIE_RULES: Record<TieRule, string> = {
  'mini-uid': 'the history attachment is named "Blob%.8x" of its account\'s Mini UID (Microsoft: Locating the message download history for a POP3 account); the tie rests on that rule alone',
  'additional-info': 'the history attachment carries its account\'s Mini UID in PR_ATTACH_ADDITIONAL_INFO (its name does not: "BlobPOP" + an address); the tie rests on that value alone',
  'smtp-address': 'the history attachment is named "BlobPOP" + its account\'s SMTP address (same page), compared with the account\'s Email; the tie rests on that rule alone',
};
