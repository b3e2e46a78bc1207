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
  write(text: string | Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

const BATCH = 1 << 20;

/**
 * Writes in batches of about a MiB, waiting for each to drain (a pipe's writes are otherwise queued
 * in memory), and flushes at the end of every step so a reader sees each source when it is done.
 */
export class StreamSink implements ReportSink {
  private batch = '';
  private sources = 0;

  constructor(
    private readonly renderer: Renderer,
    private readonly out: TextOut,
  ) {}

  begin(header: ReportHeader): Promise<void> {
    return this.write(this.renderer.begin(header));
  }

  source(source: Source): Promise<void> {
    return this.sourceText(this.renderer.source(source));
  }

  /** A source's text from this sink's renderer, rendered elsewhere (a worker thread): UTF-8 is written as it is. */
  sourceText(pieces: Iterable<string | Uint8Array>): Promise<void> {
    if (this.sources++ > 0 && this.renderer.separator !== undefined) this.batch += this.renderer.separator;
    return this.write(pieces);
  }

  end(): Promise<void> {
    return this.write(this.renderer.end(this.sources));
  }

  private async write(pieces: Iterable<string | Uint8Array>): Promise<void> {
    for (const piece of pieces) {
      if (typeof piece !== 'string') {
        await this.flush();
        await this.send(piece);
        continue;
      }
      this.batch += piece;
      if (this.batch.length >= BATCH) await this.flush();
    }
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const text = this.batch;
    this.batch = '';
    await this.send(text);
  }

  private async send(data: string | Uint8Array): Promise<void> {
    if (!this.out.write(data)) await new Promise<void>((resolve) => this.out.once('drain', resolve));
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
