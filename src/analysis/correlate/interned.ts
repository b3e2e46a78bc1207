// A string table for facts kept per message: each distinct string once, referred to by number.

/** Strings seen on many messages (classes, servers, accounts), kept once, referred to by number. */
export class Interned {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string | undefined): number {
    if (s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
