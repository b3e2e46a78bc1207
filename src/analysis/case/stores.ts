// Snapshots of one store (shadow copies, backups taken at other times): inputs that carry the same
// store record key (PR_RECORD_KEY, made once when the PST is created and kept in every copy). The
// Message Managers' search keys are said beside it: shared, the manager is the same one; not shared,
// it was deleted and recreated between the copies (docs/format.md §5).

import type { CaseInput } from './case-input.js';
import type { CaseFinding, CaseStore } from './types.js';

export function caseStores(inputs: readonly (CaseInput | undefined)[]): { stores: CaseStore[]; storeOf: Map<number, string>; findings: CaseFinding[] } {
  const byKey = new Map<string, number[]>();
  inputs.forEach((c, i) => {
    if (c?.recordKey === undefined) return;
    const list = byKey.get(c.recordKey) ?? [];
    list.push(i);
    byKey.set(c.recordKey, list);
  });
  const stores: CaseStore[] = [];
  const storeOf = new Map<number, string>();
  const findings: CaseFinding[] = [];
  for (const [recordKey, members] of byKey) {
    const id = `s${stores.length + 1}`;
    const keys = members.map((i) => new Set(inputs[i]!.managerKeys));
    const shared = [...keys[0]!].some((k) => keys.every((s) => s.has(k)));
    const managerKeys = [...new Set(members.flatMap((i) => inputs[i]!.managerKeys))].sort();
    stores.push({ id, recordKey, inputs: members, managerKeys, sharedManagerKey: shared });
    for (const i of members) storeOf.set(i, id);
    if (members.length < 2) continue;
    const manager = shared ? 'and a Message Manager search key in common' : 'and no Message Manager search key in common (the manager was recreated between them, or one has none)';
    findings.push({
      code: 'snapshots',
      store: id,
      inputs: members,
      detail: `${members.length} inputs carry store record key ${recordKey} ${manager}: they are copies of one store taken at other moments (snapshots), and their histories are versions of one history. Two stores created separately never share a record key; a copy made with a tool that rewrites it would not be recognised.`,
    });
  }
  return { stores, storeOf, findings };
}
