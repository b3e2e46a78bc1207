// What a folder's contents table keeps of each message until finish(), as fixed records and the
// subject's bytes (Latin-1 when every character fits, else UTF-16). Past 64 KiB a
// folder's records go to a scratch file, read back when its table is written: a store of a million
// messages would otherwise hold a million rows in the writer's memory.

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ContentsRow {
  nid: number;
  messageClass: string;
  subject: string;
  flags: number;
  size: number;
  delivered?: number;
  modified?: number;
}

/** nid, flags, size, delivered and modified (ms, NaN when absent), class index, wide flag, subject length. */
const HEAD = 4 + 4 + 4 + 8 + 8 + 2 + 1 + 4;
const KEEP = 64 * 1024;

/** Scratch files of one writer, in a directory of its own made when the first folder spills. */
export class SpillDir {
  private dir: string | undefined;
  private next = 0;
  file(): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'pstwrite-'));
    return join(this.dir, `rows-${this.next++}`);
  }
  remove(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}

export class ContentsRows {
  length = 0;
  private buf = Buffer.alloc(4096);
  private used = 0;
  private spill: { path: string; fd: number } | undefined;
  private readonly classes: string[] = [];
  private readonly classIndex = new Map<string, number>();

  constructor(private readonly spillDir?: SpillDir) {}

  push(r: ContentsRow): void {
    let c = this.classIndex.get(r.messageClass);
    if (c === undefined) {
      c = this.classes.push(r.messageClass) - 1;
      this.classIndex.set(r.messageClass, c);
    }
    const wide = /[^\0-\xff]/.test(r.subject);
    const length = Buffer.byteLength(r.subject, wide ? 'utf16le' : 'latin1');
    this.reserve(HEAD + length);
    const b = this.buf;
    let o = this.used;
    o = b.writeUInt32LE(r.nid, o);
    o = b.writeInt32LE(r.flags, o);
    o = b.writeInt32LE(r.size, o);
    o = b.writeDoubleLE(r.delivered ?? Number.NaN, o);
    o = b.writeDoubleLE(r.modified ?? Number.NaN, o);
    o = b.writeUInt16LE(c, o);
    o = b.writeUInt8(wide ? 1 : 0, o);
    o = b.writeUInt32LE(length, o);
    this.used = o + b.write(r.subject, o, wide ? 'utf16le' : 'latin1');
    this.length++;
  }

  /** Every row, decoded one at a time; the scratch file, if any, is gone afterwards. */
  take(): { length: number; get(i: number): ContentsRow } {
    let all = this.buf.subarray(0, this.used);
    if (this.spill) {
      closeSync(this.spill.fd);
      all = Buffer.concat([readFileSync(this.spill.path), all]);
      rmSync(this.spill.path);
      this.spill = undefined;
    }
    const at = new Uint32Array(this.length);
    for (let i = 0, o = 0; i < this.length; i++, o += HEAD + all.readUInt32LE(o + HEAD - 4)) at[i] = o;
    return { length: this.length, get: (i) => this.decode(all, at[i]!) };
  }

  private decode(b: Buffer, o: number): ContentsRow {
    const delivered = b.readDoubleLE(o + 12);
    const modified = b.readDoubleLE(o + 20);
    const start = o + HEAD;
    return {
      nid: b.readUInt32LE(o),
      messageClass: this.classes[b.readUInt16LE(o + 28)]!,
      subject: b.toString(b[o + 30] ? 'utf16le' : 'latin1', start, start + b.readUInt32LE(o + 31)),
      flags: b.readInt32LE(o + 4),
      size: b.readInt32LE(o + 8),
      ...(Number.isNaN(delivered) ? {} : { delivered }),
      ...(Number.isNaN(modified) ? {} : { modified }),
    };
  }

  /** Room for `n` more bytes: the kept records go to the scratch file once they pass KEEP. */
  private reserve(n: number): void {
    if (this.used + n <= this.buf.length) return;
    if (this.spillDir && this.used + n > KEEP) {
      this.spill ??= ((path) => ({ path, fd: openSync(path, 'w') }))(this.spillDir.file());
      writeSync(this.spill.fd, this.buf, 0, this.used);
      this.used = 0;
      if (n <= this.buf.length) return;
    }
    const next = Buffer.alloc(Math.max(2 * this.buf.length, this.used + n));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}
