// Where a report goes: a sink is told the report's header, then each source as soon as it is known,
// then the end. A format is a renderer (text for each of those steps); StreamSink writes a renderer's
// text to a stream, so the first source is out before the next input is opened. A source's text does
// not depend on where it stands, so a worker thread can render it ahead of its turn.

import type { Report, ReportHeader, Source } from './types.js';

export interface ReportSink {
  begin(header: ReportHeader): Promise<void>;
  /** One source, whole: made here or in another thread, in the order the report lists them. */
  source(source: Source): Promise<void>;
  end(): Promise<void>;
}

/** A format, in pieces: no report, however large, is ever one string. */
export interface Renderer {
  begin(header: ReportHeader): Iterable<string>;
  /** The same text wherever the source stands; what goes between two sources is `separator`. */
  source(source: Source): Iterable<string>;
  /** Written between two sources' texts (JSON's comma). */
  readonly separator?: string;
  /** After `sources` sources. */
  end(sources: number): Iterable<string>;
}

/** What StreamSink needs of a stream: a Node Writable (stdout, a file) has it. */
export interface TextOut {
  write(chunk: Uint8Array, done: (error?: Error | null) => void): boolean;
}

const BATCH = 1 << 20;

/**
 * Writes in batches of about a MiB, each when the one before has been written (so nothing queues in
 * memory behind a slow pipe), and flushes at the end of every step so a reader sees each source when
 * it is done. Pieces are encoded into one reused buffer as they come: those of a large source die
 * young, and no batch waits for the collector.
 */
export class StreamSink implements ReportSink {
  private readonly batch = Buffer.allocUnsafe(BATCH);
  private used = 0;
  private sources = 0;

  constructor(
    private readonly renderer: Renderer,
    private readonly out: TextOut,
  ) {}

  begin(header: ReportHeader): Promise<void> {
    return this.write(this.renderer.begin(header));
  }

  async source(source: Source): Promise<void> {
    await this.startSource();
    await this.write(this.renderer.source(source));
  }

  /** Before a source's text: what goes between it and the one before (JSON's comma), batched with the text. */
  startSource(): Promise<void> {
    const separator = this.sources++ > 0 ? this.renderer.separator : undefined;
    return separator === undefined ? Promise.resolve() : this.put([separator]);
  }

  /** A piece of a source's text in this sink's format, rendered elsewhere (a worker thread), written as it is. */
  text(bytes: Uint8Array): Promise<void> {
    return this.write([bytes]);
  }

  end(): Promise<void> {
    return this.write(this.renderer.end(this.sources));
  }

  private async write(pieces: Iterable<string | Uint8Array>): Promise<void> {
    await this.put(pieces);
    await this.flush();
  }

  /** Pieces into the batch, sent as it fills; what is left waits for the next flush. */
  private async put(pieces: Iterable<string | Uint8Array>): Promise<void> {
    for (const piece of pieces) {
      if (typeof piece !== 'string') {
        await this.flush();
        await this.send(piece);
        continue;
      }
      // UTF-8 takes at most 3 bytes per UTF-16 unit: a piece that may not fit goes after a flush.
      if (this.used + 3 * piece.length > BATCH) {
        await this.flush();
        if (3 * piece.length > BATCH) {
          await this.send(Buffer.from(piece));
          continue;
        }
      }
      this.used += this.batch.write(piece, this.used);
    }
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    await this.send(this.batch.subarray(0, n));
  }

  /** Resolves once the stream has written the bytes: only then is the batch's memory reused. */
  private send(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.out.write(bytes, (e) => (e ? reject(e) : resolve()));
    });
  }
}

/** A whole report as one string: for tests and small reports. */
export function renderReport(report: Report, renderer: Renderer): string {
  const { sources, ...header } = report;
  let out = '';
  for (const piece of renderer.begin(header)) out += piece;
  for (const [i, s] of sources.entries()) {
    if (i > 0 && renderer.separator !== undefined) out += renderer.separator;
    for (const piece of renderer.source(s)) out += piece;
  }
  for (const piece of renderer.end(sources.length)) out += piece;
  return out;
}
