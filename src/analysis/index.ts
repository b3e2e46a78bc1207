// The analysis layer's public surface: one entry point from evidence to findings, and the
// findings' types, for the report layer and the CLI.

export { evidenceName, inspectEvidence, kindOf, type EvidenceInput, type InspectedEvidence } from './evidence/inspect-evidence.js';
export { isoDate } from './iso-time.js';
export { DEFAULT_OPTIONS, resolveOptions, type GivenOptions, type ResolvedOptions } from './options.js';
export { BlobLimitError, blobTooLarge, MAX_BLOB_INPUT_BYTES, MAX_UID_LENGTH } from './history/blob.js';
export { displayPath, fileType, NotAFileError, openEvidence, readHead, readWhole, sha256File, type EvidencePath } from './evidence/open-file.js';
export type { DecodedBlob } from './history/blob.js';
export type { CorrelationFinding } from './correlate/rules.js';
export type { DamagedBlock } from '../pst/index.js';
export { EXPLANATION } from './findings.js';
export type { StoreMessage } from './correlate/store-message.js';
export type { MsgDownloadFinding } from './correlate/msg-origins.js';
export type { ServerDownloadsFinding } from './correlate/download-findings.js';
export type { HistoryCorrelation } from './evidence/inspect-store.js';
export { LazyList } from './lazy-list.js';
export type { Recovery, RecoveredAttachmentFinding, RecoveredLocationFinding } from './recover/types.js';
export type { Progress, ProgressListener } from './evidence/progress.js';
export type { Analysis, HistoryFinding, ManagerFinding, ProfileFacts } from './locate/match-managers.js';
export { registryFacts, type KnownAccount, type RegistryFacts } from './account/known-accounts.js';
export type { AccountTies, HistoryTie } from './account/tie.js';
export { TIE_RULES } from './account/tie-rules.js';
export { caseInput, joinCase, sameFiles, SharedText, type CaseInput } from './case/index.js';
export type { CaseAccount, CaseFinding, CaseFindings, CaseInputRecord, CasePlace, CaseStore, CaseUid, CaseUidListing, CaseVersion, SameFile } from './case/index.js';
