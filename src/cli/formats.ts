// Each output's format as plain data, so that a worker thread builds the renderer this thread would
// and renders a source ahead of its turn: its text in every output's format, as UTF-8 handed over
// without a copy, with the little this thread needs besides (its status and stderr notices).

import { csvRenderer, htmlRenderer, jsonRenderer, ndjsonRenderer, tableRenderer, timelineRenderer, type HtmlRun, type Renderer, type Source, type SourceStatus, type TableView, type TimelineFormat } from '../report/index.js';
import { sourceNotices } from './notices.js';

export type Format = { kind: 'json' | 'ndjson' | 'csv' } | { kind: 'html'; run: HtmlRun } | { kind: 'timeline'; timeline: TimelineFormat } | { kind: 'table'; view: TableView };

export function formatRenderer(format: Format): Renderer {
  switch (format.kind) {
    case 'json':
      return jsonRenderer();
    case 'ndjson':
      return ndjsonRenderer();
    case 'csv':
      return csvRenderer();
    case 'html':
      return htmlRenderer(format.run);
    case 'timeline':
      return timelineRenderer(format.timeline);
    case 'table':
      return tableRenderer(format.view);
  }
}

/** A source rendered ahead of its turn. */
export interface RenderedSource {
  status: SourceStatus;
  notices: string;
  /** Per output, in the order of its formats: the source's text in UTF-8 pieces. */
  texts: Uint8Array[][];
}

/** Text is encoded a piece of about this many characters at a time: a 200 MB store's text is tens of MB. */
const PIECE = 1 << 20;

const encoder = new TextEncoder();

/** The source in each renderer's format, and the buffers that can be moved to another thread rather than copied. */
export function renderSource(source: Source, renderers: readonly Renderer[]): { rendered: RenderedSource; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const texts = renderers.map((r) => {
    const pieces: Uint8Array[] = [];
    let text = '';
    const encode = (): void => {
      const bytes = encoder.encode(text);
      pieces.push(bytes);
      transfer.push(bytes.buffer as ArrayBuffer);
      text = '';
    };
    for (const piece of r.source(source)) {
      text += piece;
      if (text.length >= PIECE) encode();
    }
    if (text.length > 0) encode();
    return pieces;
  });
  return { rendered: { status: source.status, notices: sourceNotices(source), texts }, transfer };
}
