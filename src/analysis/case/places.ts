// Every message of the case with a POP3 origin, numbered across the inputs in input order: the join
// passes these numbers around (a number per message, not an object), and a CasePlace is made from
// its input's columns only when a report writes it.

import { downloadAccount, downloadMessage, downloadServer, downloadUid, type CaseDownloads } from './downloads.js';
import type { CasePlace } from './types.js';

export class CasePlaces {
  /** Per input, the number of its first message. */
  private readonly first: Int32Array;
  /** Per message, its input. */
  private readonly inputOf: Int32Array;
  private readonly columns: (CaseDownloads | undefined)[];

  constructor(inputs: readonly ({ downloads: CaseDownloads } | undefined)[]) {
    this.columns = inputs.map((c) => c?.downloads);
    this.first = new Int32Array(inputs.length + 1);
    this.columns.forEach((d, k) => (this.first[k + 1] = this.first[k]! + (d?.count ?? 0)));
    this.inputOf = new Int32Array(this.count);
    this.columns.forEach((_, k) => this.inputOf.fill(k, this.first[k], this.first[k + 1]));
  }

  get count(): number {
    return this.first[this.first.length - 1]!;
  }

  input(p: number): number {
    return this.inputOf[p]!;
  }

  private at(p: number): [CaseDownloads, number] {
    const k = this.inputOf[p]!;
    return [this.columns[k]!, p - this.first[k]!];
  }

  server(p: number): string {
    return downloadServer(...this.at(p));
  }

  uid(p: number): string {
    return downloadUid(...this.at(p));
  }

  account(p: number): string | undefined {
    return downloadAccount(...this.at(p));
  }

  /** The message as a report gives it, with the same members in the same order as ever. */
  place(p: number): CasePlace {
    const [d, row] = this.at(p);
    const out: CasePlace = { input: this.inputOf[p]!, server: downloadServer(d, row), uid: downloadUid(d, row), message: downloadMessage(d, row) };
    const account = downloadAccount(d, row);
    if (account !== undefined) out.account = account;
    return out;
  }
}
