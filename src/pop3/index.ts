// The POP3 history layer's public surface: one entry point from evidence to findings, and the
// findings' types, for the report layer and the CLI.

export { DEFAULT_WINDOW_SECONDS, evidenceName, inspectEvidence, kindOf, type Evidence, type EvidenceInput, type EvidenceOptions } from './evidence.js';
export { BlobLimitError, blobTooLarge, MAX_BLOB_INPUT_BYTES, MAX_UID_LENGTH } from './blob.js';
export { displayPath, fileType, NotAFileError, openEvidence, readHead, readWhole, sha256File, type EvidencePath } from './open.js';
export type { DecodedBlob } from './blob.js';
export type { Correlation } from './correlate.js';
export type { StoreMessage } from './facts.js';
export type { HistoryCorrelation } from './inspect-pst.js';
export { LazyList } from './lazy-list.js';
export type { Recovery, RecoveredAttachment as RecoveredAttachmentFound, RecoveredLocation as RecoveredLocationFound } from './recover.js';
export type { Progress, ProgressListener } from './progress.js';
export type { Analysis, HistoryFinding, ManagerFinding, ProfileFacts } from './select.js';
