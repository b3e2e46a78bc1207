// The POP3 history layer's public surface: one entry point from evidence to findings, and the
// findings' types, for the report layer and the CLI.

export { DEFAULT_WINDOW_SECONDS, evidenceName, inspectEvidence, kindOf, type Evidence, type EvidenceInput, type EvidenceOptions } from './evidence/inspect-evidence.js';
export { BlobLimitError, blobTooLarge, MAX_BLOB_INPUT_BYTES, MAX_UID_LENGTH } from './history/blob.js';
export { displayPath, fileType, NotAFileError, openEvidence, readHead, readWhole, type EvidencePath } from './evidence/open-file.js';
export type { DecodedBlob } from './history/blob.js';
export type { Correlation } from './correlate/rules.js';
export type { StoreMessage } from './correlate/message-facts.js';
export type { MsgDownload } from './correlate/msg-origins.js';
export type { ServerDownloads } from './correlate/download-findings.js';
export type { HistoryCorrelation } from './evidence/inspect-store.js';
export { LazyList } from './lazy-list.js';
export type { Recovery, RecoveredAttachment as RecoveredAttachmentFound, RecoveredLocation as RecoveredLocationFound } from './recover/types.js';
export type { Progress, ProgressListener } from './evidence/progress.js';
export type { Analysis, HistoryFinding, ManagerFinding, ProfileFacts } from './locate/match-managers.js';
