// A message of a store as a report names it, made from StoreMessages' columns only when a report
// (or a case's index) asks for it.

/**
 * A message as a report describes it. A class, not an object literal: V8 moves a literal's
 * allocation site to the old generation once its objects tend to live long (a match's candidates
 * do), and the tens of thousands described while a report is written, which die at once, would then
 * pile up there until a full collection.
 */
export class StoreMessage {
  constructor(
    readonly folder: string,
    readonly nid: string,
    readonly subject: string | undefined,
    readonly from: string | undefined,
    readonly messageId: string | undefined,
    readonly created: Date | undefined,
    readonly delivered: Date | undefined,
  ) {}
}

/** Where a message lies, its subject and times: what a case keeps of a download, without the
 * sender and Message-ID that describe() decodes too. A class for the reason StoreMessage is one. */
export class MessagePlace {
  constructor(
    readonly folder: string,
    readonly nid: string,
    readonly subject: string | undefined,
    readonly created: Date | undefined,
    readonly delivered: Date | undefined,
  ) {}
}
