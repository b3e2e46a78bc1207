// Typed failures and warnings of the hive reader. Each names the file offset where it was seen
// (absolute, from the start of the hive file), so an analyst can look at the bytes.

export type RegistryErrorCode =
  | 'NOT_A_HIVE'
  | 'UNSUPPORTED_VERSION'
  | 'TRUNCATED'
  | 'BAD_HBIN'
  | 'BAD_CELL'
  | 'BAD_KEY'
  | 'BAD_VALUE'
  | 'BAD_LIST'
  | 'LOOP'
  | 'TOO_DEEP'
  | 'LIMIT';

export type RegistryWarningCode = RegistryErrorCode | 'DIRTY' | 'CHECKSUM';

export class RegistryFormatError extends Error {
  readonly code: RegistryErrorCode;
  readonly offset: number | undefined;

  constructor(code: RegistryErrorCode, message: string, offset?: number) {
    super(message);
    this.name = 'RegistryFormatError';
    this.code = code;
    this.offset = offset;
  }

  /** One line for a person: what, where. */
  describe(): string {
    return this.offset === undefined ? `${this.message} (registry)` : `${this.message} (registry, offset ${this.offset})`;
  }
}

export interface RegistryWarning {
  code: RegistryWarningCode;
  message: string;
  offset?: number;
}

/** Warnings once each (the same damaged cell is often reached twice), at most MAX of them. */
export class RegistryWarnings {
  static readonly MAX = 1_000;
  readonly list: RegistryWarning[] = [];
  private readonly seen = new Set<string>();

  add(w: RegistryWarning): void {
    const key = `${w.code}|${w.offset ?? ''}|${w.message}`;
    if (this.seen.has(key) || this.list.length >= RegistryWarnings.MAX) return;
    this.seen.add(key);
    this.list.push(w);
  }

  fromError(e: RegistryFormatError, context: string): void {
    this.add({ code: e.code, message: `${context}: ${e.message}`, offset: e.offset });
  }
}
