// Typed failures and warnings of the PST reader. Every one names the layer, the node or block id
// and the file offset where it was seen, so an analyst can look at the bytes.

export type PstLayer = 'file' | 'ndb' | 'ltp' | 'messaging';

export type PstErrorCode =
  | 'NOT_A_PST'
  | 'UNSUPPORTED_VARIANT'
  | 'UNSUPPORTED_ENCRYPTION'
  | 'TRUNCATED'
  | 'OUT_OF_RANGE'
  | 'BAD_SIGNATURE'
  | 'BAD_PAGE'
  | 'BAD_BLOCK'
  | 'BTREE_CYCLE'
  | 'TOO_DEEP'
  | 'NOT_FOUND'
  | 'BAD_HEAP'
  | 'BAD_BTH'
  | 'BAD_PC'
  | 'BAD_TC'
  | 'BAD_VALUE'
  | 'BAD_FOLDER'
  | 'BAD_MESSAGE'
  | 'LIMIT'
  | 'NOT_A_FILE';

export interface PstProblemLocation {
  layer: PstLayer;
  /** Node or block id, formatted as hex (`nid 0x21`, `bid 0x4`), when one applies. */
  id?: string;
  /** Absolute file offset, when one applies. */
  offset?: number;
}

export class PstFormatError extends Error {
  readonly code: PstErrorCode;
  readonly layer: PstLayer;
  readonly id: string | undefined;
  readonly offset: number | undefined;

  constructor(code: PstErrorCode, message: string, where: PstProblemLocation) {
    super(message);
    this.name = 'PstFormatError';
    this.code = code;
    this.layer = where.layer;
    this.id = where.id;
    this.offset = where.offset;
  }

  /** One line for a person: what, where. */
  describe(): string {
    const where = [this.layer, this.id, this.offset === undefined ? undefined : `offset ${this.offset}`]
      .filter((p) => p !== undefined)
      .join(', ');
    return `${this.message} (${where})`;
  }
}

export interface PstWarning extends PstProblemLocation {
  code: PstErrorCode | 'CRC_MISMATCH' | 'SKIPPED' | 'PAST_EOF' | 'SUSPICIOUS_FREED_SPACE';
  message: string;
}

/** Collects warnings once each: the same damaged block is often reached many times. */
export class WarningSink {
  readonly list: PstWarning[] = [];
  private readonly seen = new Set<string>();
  private static readonly MAX = 10_000;
  private damagedBlocks = 0;

  add(w: PstWarning): void {
    const key = `${w.code}|${w.layer}|${w.id ?? ''}|${w.offset ?? ''}`;
    if (this.seen.has(key) || this.list.length >= WarningSink.MAX) return;
    this.seen.add(key);
    this.list.push(w);
    if (w.code === 'CRC_MISMATCH' || w.code === 'BAD_SIGNATURE') this.damagedBlocks++;
  }

  /** What a search for the POP3 history needed and could not read (a folder, a table): see `gap`. */
  readonly gaps: string[] = [];

  fromError(e: PstFormatError, context: string): void {
    this.add({ code: e.code, layer: e.layer, id: e.id, offset: e.offset, message: `${context}: ${e.message}` });
  }

  /** A warning about a part the walk needed, also named in `gaps`: without it, "no history" would be a guess. */
  gap(w: PstFormatError | PstWarning, what: string): void {
    if (w instanceof PstFormatError) this.fromError(w, what);
    else this.add(w);
    this.readFromDamage(what);
  }

  /** A part the walk needed that was read, but from bytes failing their CRC or signature (already warned). */
  readFromDamage(what: string): void {
    if (this.gaps.length < WarningSink.MAX && !this.gaps.includes(what)) this.gaps.push(what);
  }

  /** How many blocks so far failed their CRC or signature: a reader compares it before and after a read. */
  get damaged(): number {
    return this.damagedBlocks;
  }
}
