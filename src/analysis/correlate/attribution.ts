// Which history's account a POP3 download of the store belongs to, when no tag of the history names
// its UID, by the strongest rule that holds (docs/statuses.md, "Reading the findings"):
// 1. account-name / account-stamp: its PidLidInternetAccountName (or, without one, the account in its
//    PidLidInternetAccountStamp) is the history's account;
// 2. server: it names no account, its server is one the history's own remote-uid matches came from,
//    and no other account of the store (another history's matches, or a message naming another
//    account) has that server;
// 3. only-history: it names no account, the store holds one POP3 history, that history's matches
//    name no server, and no account of the store has the message's server.
// A message naming an account no history has is another account's. What no rule attributes is a
// store-level finding (`unattributed`), never dropped.

import type { MessageFacts } from './rules.js';

/** What attribution reads of a message beyond the rules' facts. */
export interface AttributionFacts extends MessageFacts {
  /** How many messages were read (indices run from 0 to size - 1). */
  readonly size: number;
  /** Whether account(i) comes from PidLidInternetAccountStamp, the message naming no account. */
  accountFromStamp(i: number): boolean;
  /** The path of the message's folder. */
  folder(i: number): string;
  /** A number equal for two downloads exactly when their server and UID (as written) are: grouping without strings. */
  downloadKey(i: number): number;
}

export type AttributionRule = 'account-name' | 'account-stamp' | 'server' | 'only-history';

/** A history as attribution sees it: its account and the messages its tags matched. */
export interface HistoryAccount {
  /** The Blob's account (lower case); undefined when only its mini UID names it. */
  smtp: string | undefined;
  /** Store indices of the messages its download tags matched. */
  matched: ReadonlySet<number>;
  /** A POP3 history: a Blob with tags (a Restags or an empty Blob attributes nothing). */
  pop3: boolean;
}

export class Attribution {
  /** Each history's account key: its SMTP address, else the one account its matches name, else its own. */
  private readonly keys: string[];
  private readonly ownServers: Set<string>[];
  /** Per server, the account keys that have it. */
  private readonly accountsOf = new Map<string, Set<string>>();
  private readonly pop3Accounts: number;

  constructor(
    private readonly messages: AttributionFacts,
    private readonly histories: readonly HistoryAccount[],
  ) {
    this.keys = histories.map((h, k) => h.smtp ?? learnedName(messages, h.matched) ?? `#${k}`);
    this.ownServers = histories.map((h) => new Set([...h.matched].map((i) => messages.server(i)).filter((s) => s !== undefined)));
    const has = (server: string, key: string): void => {
      const set = this.accountsOf.get(server);
      if (set) set.add(key);
      else this.accountsOf.set(server, new Set([key]));
    };
    histories.forEach((h, k) => {
      if (h.pop3) for (const s of this.ownServers[k]!) has(s, this.keys[k]!);
    });
    for (const i of messages.downloaded()) {
      const a = messages.account(i);
      if (a !== undefined) has(messages.server(i)!, a);
    }
    this.pop3Accounts = new Set(this.keys.filter((_, k) => histories[k]!.pop3)).size;
  }

  /** The rule that gives download `i` to history `h`, if any (a match of its own tags aside). */
  ruleFor(h: number, i: number): AttributionRule | undefined {
    const history = this.histories[h]!;
    if (!history.pop3) return undefined;
    const key = this.keys[h]!;
    const account = this.messages.account(i);
    if (account !== undefined) return account === key ? (this.messages.accountFromStamp(i) ? 'account-stamp' : 'account-name') : undefined;
    const server = this.messages.server(i)!;
    const others = this.accountsOf.get(server);
    if (this.ownServers[h]!.has(server)) return others?.size === 1 ? 'server' : undefined;
    if (this.pop3Accounts === 1 && this.ownServers[h]!.size === 0 && others === undefined) return 'only-history';
    return undefined;
  }

  /** Whether any history's tags matched download `i`, or a rule gives it to one. */
  accounted(i: number): boolean {
    return this.histories.some((h, k) => h.matched.has(i) || this.ruleFor(k, i) !== undefined);
  }
}

/** The one account the messages name, when they name exactly one. */
function learnedName(messages: AttributionFacts, indices: ReadonlySet<number>): string | undefined {
  const names = new Set<string>();
  for (const i of indices) {
    const a = messages.account(i);
    if (a !== undefined) names.add(a);
  }
  return names.size === 1 ? [...names][0] : undefined;
}
