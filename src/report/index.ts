// The report layer's public surface: findings to the contract (types.ts, schema/report.schema.json),
// the sink, and one renderer per format, for the CLI.

export { exitCode, reportHeader, toolVersion, toSource } from './build.js';
export { csvCell, csvRenderer } from './csv.js';
export { CSV_TABLES, csvTableRenderer, type CsvTable } from './csv-tables.js';
export { escapePath, escapeText } from './escape.js';
export { htmlRenderer, type HtmlRun } from './html.js';
export { jsonRenderer } from './json.js';
export { ndjsonRenderer } from './ndjson.js';
export { StreamSink, type Renderer, type ReportSink, type TextOut } from './sink.js';
export { tableRenderer } from './table.js';
export { displayWidth, fitLine, FULL_VIEW, type TableView } from './table-layout.js';
export { caseTimelineText, TIMELINE_FORMATS, timelineRenderer, type TimelineFormat } from './timeline.js';
export type { ReportHeader, ReportOptions, Source, SourceStatus } from './types.js';
export { caseReport, type CaseReport } from './case-report.js';
export { caseJson, caseNdjson } from './case-json.js';
export { caseTable } from './case-table.js';
export { CASE_CSV_TABLES, caseCsv } from './case-csv.js';
export { caseEvents } from './case-timeline.js';
export { caseHtml } from './case-html.js';
