// What recovery may hold (README "Limits"). Freed space is whatever the file's writer left, or
// forged: millions of valid-looking block trailers, or thousands of copies of one attachment block.
// The scan keeps at most what the byte budget pays for, the assembled items are capped, and a
// number of lone histories no real store leaves is reported as a count, not as histories. The live
// analysis is made before recovery and never depends on it.

import type { FreedLimits, FreedSpace, WarningSink } from '../../pst/index.js';

/** Managers, attachments and histories reported from freed space, in all. */
export const MAX_RECOVERED_ITEMS = 10_000;
/** Histories found alone (no Message Manager with them) past which they are counted, not listed. */
export const SUSPICIOUS_LONE_HISTORIES = 1_000;

// What one kept freed block costs the process, all told: its record, bigint keys and map entries,
// and the assembly passes' work per block. Measured as peak RSS on forged freed space kept at 4,
// 16 and 64 MiB of budget: about 1.5 KB a block. Node slots are counted at the same cost.
const BYTES_PER_BLOCK = 1536;
const BYTES_PER_SLOT = 1536;

/** Three quarters of the budget for freed blocks, the rest for node slots. */
export function scanLimits(budgetBytes: number): FreedLimits {
  return { blocks: Math.floor((budgetBytes * 3) / 4 / BYTES_PER_BLOCK), slots: Math.floor(budgetBytes / 4 / BYTES_PER_SLOT) };
}

/** Counts what recovery assembles against the caps. */
export class ItemCap {
  private taken = 0;
  /** Items left out at the cap. */
  over = 0;
  /** Histories found alone so far, listed or not. */
  lone = 0;

  /** Room for one more item; counts it either way. */
  take(): boolean {
    if (this.taken < MAX_RECOVERED_ITEMS) {
      this.taken++;
      return true;
    }
    this.over++;
    return false;
  }

  /** Room for one more lone history: past the suspicious count none is decoded. */
  takeLone(): boolean {
    return ++this.lone <= SUSPICIOUS_LONE_HISTORIES && this.take();
  }

  get suspicious(): boolean {
    return this.lone > SUSPICIOUS_LONE_HISTORIES;
  }
}

/** The warnings that say what the limits left out, each naming its limit. */
export function budgetWarnings(warnings: WarningSink, freed: FreedSpace, cap: ItemCap, loneAttachments: number, budgetBytes: number): void {
  const mib = Math.round(budgetBytes / 1048576);
  if (freed.dropped.blocks > 0 || freed.dropped.slots > 0) {
    warnings.add({
      code: 'LIMIT',
      layer: 'ndb',
      message: `recovery: freed space holds more than ${mib} MiB of recovery candidates can keep; ${freed.dropped.blocks} more block trailers and ${freed.dropped.slots} more node slots validated and were not kept (limit: recovery memory, --recover-memory)`,
    });
  }
  if (cap.suspicious) {
    warnings.add({
      code: 'SUSPICIOUS_FREED_SPACE',
      layer: 'ndb',
      message: `recovery: ${cap.lone} history blobs lie alone in freed space, with no Message Manager: more than Outlook leaves, so they and the ${loneAttachments} attachments found alone are counted, not listed (look for forged or copied blocks; limit: ${SUSPICIOUS_LONE_HISTORIES} lone histories)`,
    });
  }
  if (cap.over > 0) {
    warnings.add({
      code: 'LIMIT',
      layer: 'ndb',
      message: `recovery: ${MAX_RECOVERED_ITEMS} items are reported; ${cap.over} more candidates were found and left out (limit: recovered items)`,
    });
  }
}
