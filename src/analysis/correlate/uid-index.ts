// The UIDs of POP3 downloads (a store's, or a case account's), found by UID: each distinct UID kept once as bytes in a
// pool (Latin-1 when every unit fits a byte, else UTF-16LE) and found through an open-addressing
// hash table over those bytes. A million messages' UIDs are then a pool and a few typed arrays
// outside the JS heap, not a million strings and a Map the collector walks on every full collection.

/** Room for `need` values, doubling: a typed array's contents are copied on growth. */
function grow<A extends Int32Array | Uint8Array>(a: A, need: number, make: (n: number) => A): A {
  if (need <= a.length) return a;
  const next = make(Math.max(need, 2 * a.length));
  next.set(a);
  return next;
}

export class UidIndex {
  private pool: Uint8Array = new Uint8Array(1 << 12);
  private used = 0;
  /** Per key: where its bytes start in the pool, and their length (negative for UTF-16LE). */
  private start: Int32Array = new Int32Array(256);
  private length: Int32Array = new Int32Array(256);
  /** Per key: its first and last entry + 1 (0: none). Grown only as messages are filed: a pool of
   * text (a case's subjects) has keys but no entries, and no room for them. */
  private head: Int32Array = new Int32Array(256);
  private tail: Int32Array = new Int32Array(256);
  /** Per key: its bytes' hash, so that growing the table never hashes a key again. */
  private hashes: Int32Array = new Int32Array(256);
  private keys = 0;
  /** Per entry: its message, and the next entry of the same key (-1 at the end). */
  private message: Int32Array = new Int32Array(256);
  private next: Int32Array = new Int32Array(256);
  private entries = 0;
  /** Key index + 1 per slot, 0 when free; a power of two, at most half full. */
  private slots: Int32Array = new Int32Array(512);
  private scratch: Uint8Array = new Uint8Array(256);
  /** The hash of the bytes `find` last looked for. */
  private hashed = 0;
  /** A Buffer over the pool, made again only when the pool grows: not a Buffer object per key read. */
  private view: Buffer | undefined;
  /** The key key() read last, and its text. */
  private lastKey = -1;
  private lastText = '';

  /** Files message `i` under `uid`, and gives the key's number; filing the same message twice in a row under one key keeps it once. */
  add(uid: string, i: number): number {
    const k = this.keyOf(uid);
    this.file(k, i);
    return k;
  }

  /** Files message `i` under key `k`, as add() does: for a key already found, without hashing its UID again. */
  file(k: number, i: number): void {
    const last = k < this.tail.length ? this.tail[k]! - 1 : -1;
    if (last < 0 || this.message[last] !== i) this.newEntry(k, i);
  }

  /** The number of `uid`'s key, made (with no message yet) when it has none. */
  keyOf(uid: string): number {
    return this.keyOfScratch(this.encode(uid));
  }

  /** keyOf for a UID given as bytes [start, end) (Latin-1, or UTF-16LE when `wide`), as encode() would write them. */
  keyOfBytes(bytes: Uint8Array, start: number, end: number, wide: boolean): number {
    const n = end - start;
    if (this.scratch.length < n) this.scratch = new Uint8Array(2 * n);
    for (let c = 0; c < n; c++) this.scratch[c] = bytes[start + c]!;
    return this.keyOfScratch(wide ? -n : n);
  }

  private keyOfScratch(n: number): number {
    const slot = this.find(n);
    let k = this.slots[slot]! - 1;
    if (k < 0) {
      k = this.newKey(n);
      this.slots[slot] = k + 1;
      if (2 * this.keys > this.slots.length) this.rehash();
    }
    return k;
  }

  /** The number of `uid`'s key; -1 when it has none. */
  keyNumber(uid: string): number {
    return this.slots[this.find(this.encode(uid))]! - 1;
  }

  get size(): number {
    return this.keys;
  }

  /** The messages filed under `uid`, in the order they were filed. */
  get(uid: string): number[] {
    const k = this.keyNumber(uid);
    return k < 0 ? [] : this.filed(k);
  }

  /** The messages filed under key `k`, in the order they were filed. */
  filed(k: number): number[] {
    const out: number[] = [];
    for (let e = k < this.head.length ? this.head[k]! - 1 : -1; e >= 0; e = this.next[e]!) out.push(this.message[e]!);
    return out;
  }

  /** Key `k` as the string it was filed under. */
  key(k: number): string {
    // The last key read, kept: a case writes one message of several snapshots in a row, each with
    // the same UID, NID and subject.
    if (k === this.lastKey) return this.lastText;
    const len = this.length[k]!;
    if (this.view?.buffer !== this.pool.buffer) this.view = Buffer.from(this.pool.buffer, this.pool.byteOffset, this.pool.length);
    this.lastText = this.view.toString(len < 0 ? 'utf16le' : 'latin1', this.start[k]!, this.start[k]! + Math.abs(len));
    this.lastKey = k;
    return this.lastText;
  }

  /** `s` into the scratch buffer; its signed length (negative for UTF-16LE). */
  private encode(s: string): number {
    let narrow = true;
    for (let c = 0; c < s.length && narrow; c++) narrow = s.charCodeAt(c) < 0x100;
    const n = narrow ? s.length : 2 * s.length;
    if (this.scratch.length < n) this.scratch = new Uint8Array(2 * n);
    if (narrow) for (let c = 0; c < s.length; c++) this.scratch[c] = s.charCodeAt(c);
    else Buffer.from(this.scratch.buffer, this.scratch.byteOffset, n).write(s, 'utf16le');
    return narrow ? n : -n;
  }

  /** The slot that holds the scratch bytes' key, or the free slot where it would go. */
  private find(len: number): number {
    const n = Math.abs(len);
    const b = this.scratch;
    let h = 0x811c9dc5 ^ (len < 0 ? 1 : 0);
    for (let c = 0; c < n; c++) h = Math.imul(h ^ b[c]!, 0x01000193);
    this.hashed = h;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = this.slots[s]! - 1;
      if (k < 0 || this.equals(k, len)) return s;
    }
  }

  private equals(k: number, len: number): boolean {
    if (this.length[k] !== len) return false;
    const at = this.start[k]!;
    for (let c = 0; c < Math.abs(len); c++) if (this.pool[at + c] !== this.scratch[c]) return false;
    return true;
  }

  private newKey(len: number): number {
    const n = Math.abs(len);
    this.pool = grow(this.pool, this.used + n, (m) => new Uint8Array(m));
    this.pool.set(this.scratch.subarray(0, n), this.used);
    const k = this.keys++;
    const make = (m: number): Int32Array => new Int32Array(m);
    this.start = grow(this.start, this.keys, make);
    this.length = grow(this.length, this.keys, make);
    this.hashes = grow(this.hashes, this.keys, make);
    this.hashes[k] = this.hashed;
    this.start[k] = this.used;
    this.length[k] = len;
    this.used += n;
    return k;
  }

  private newEntry(k: number, i: number): void {
    const e = this.entries++;
    const make = (m: number): Int32Array => new Int32Array(m);
    this.message = grow(this.message, this.entries, make);
    this.next = grow(this.next, this.entries, make);
    this.message[e] = i;
    this.next[e] = -1;
    this.head = grow(this.head, k + 1, make);
    this.tail = grow(this.tail, k + 1, make);
    if (this.head[k] === 0) this.head[k] = e + 1;
    else this.next[this.tail[k]! - 1] = e;
    this.tail[k] = e + 1;
  }

  /** Twice the slots, every key placed again by its kept hash (keys are distinct: the first free slot). */
  private rehash(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    const mask = this.slots.length - 1;
    for (let k = 0; k < this.keys; k++) {
      let s = this.hashes[k]! & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = k + 1;
    }
  }
}
