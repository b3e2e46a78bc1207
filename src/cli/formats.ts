// Each output's format as plain data, so that a worker thread builds the renderer this thread would
// and renders a source ahead of its turn: its text in every output's format, as UTF-8 pieces handed
// over without a copy, after the little this thread needs first (its status and stderr notices).

import { csvRenderer, csvTableRenderer, htmlRenderer, jsonRenderer, ndjsonRenderer, tableRenderer, timelineRenderer, type CsvTable, type HtmlRun, type Renderer, type Source, type SourceStatus, type TableView, type TimelineFormat } from '../report/index.js';
import { sourceNotices } from './notices.js';

export type Format =
  | { kind: 'json' | 'ndjson' | 'csv' }
  | { kind: 'html'; run: HtmlRun }
  | { kind: 'csv-table'; table: CsvTable }
  | { kind: 'timeline'; timeline: TimelineFormat }
  | { kind: 'table'; view: TableView };

export function formatRenderer(format: Format): Renderer {
  switch (format.kind) {
    case 'json':
      return jsonRenderer();
    case 'ndjson':
      return ndjsonRenderer();
    case 'csv':
      return csvRenderer();
    case 'csv-table':
      return csvTableRenderer(format.table);
    case 'html':
      return htmlRenderer(format.run);
    case 'timeline':
      return timelineRenderer(format.timeline);
    case 'table':
      return tableRenderer(format.view);
  }
}

/**
 * A source rendered ahead of its turn, as messages: first its status and stderr notices, then its
 * text for each output in turn, in UTF-8 pieces.
 */
export type SourceMessage = { kind: 'head'; status: SourceStatus; notices: string } | { kind: 'text'; output: number; bytes: Uint8Array };

/** Text is sent in pieces of at most this many bytes: a 200 MB store's text is tens of MB. */
const PIECE = 1 << 20;

/** The first piece of each output: a small store's whole text is a few KiB, and a piece is allocated whole. */
const FIRST_PIECE = 1 << 14;

/** The string's UTF-8 in a buffer of its own: one from Node's shared pool cannot be moved. */
function ownBuffer(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/** The source in each renderer's format, a piece at a time: only the piece being made is held. */
export function* sourceMessages(source: Source, renderers: readonly Renderer[]): Generator<SourceMessage> {
  yield { kind: 'head', status: source.status, notices: sourceNotices(source) };
  for (const [output, r] of renderers.entries()) {
    // Each string is encoded straight into the piece, as StreamSink does: encoding one long
    // concatenated string per piece cost ten times as much. A piece is moved to the other thread
    // whole, so each is a new buffer, doubling up to PIECE.
    let piece = Buffer.allocUnsafeSlow(FIRST_PIECE);
    let used = 0;
    for (const text of r.source(source)) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (used + 3 * text.length > piece.length && used > 0) {
        yield { kind: 'text', output, bytes: piece.subarray(0, used) };
        piece = Buffer.allocUnsafeSlow(Math.min(PIECE, 2 * piece.length));
        used = 0;
      }
      if (3 * text.length > piece.length) yield { kind: 'text', output, bytes: ownBuffer(text) };
      else used += piece.write(text, used);
    }
    if (used > 0) yield { kind: 'text', output, bytes: piece.subarray(0, used) };
  }
}

/** The buffer a message can move to another thread rather than copy. */
export const sourceMessageBuffers = (m: SourceMessage): ArrayBuffer[] => (m.kind === 'text' ? [m.bytes.buffer as ArrayBuffer] : []);
