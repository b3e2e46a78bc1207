// Folders: a PC (NID type 0x02) and three sibling tables with the same index — hierarchy (0x0D),
// contents (0x0E) and associated contents (0x0F). [MS-PST] 2.4.4

import { PstFormatError } from '../file/errors.js';
import { asNid, NidType, nidType, siblingNid, type Nid } from '../ndb/ids.js';
import type { PropertyBag } from '../ltp/property.js';
import { TableContext } from '../ltp/tablecontext.js';
import { PropId } from './proptags.js';
import type { PstStore } from './store.js';

export class Folder {
  constructor(
    private readonly store: PstStore,
    readonly nid: Nid,
    readonly props: PropertyBag,
    /** Display names from the root folder down; the root folder itself is []. */
    readonly path: readonly string[],
    /** The folder whose hierarchy table listed this one; undefined for the root. */
    readonly parentNid?: Nid,
  ) {}

  get name(): string {
    return this.props.string(PropId.DisplayName) ?? '';
  }

  get contentCount(): number | undefined {
    return this.props.int(PropId.ContentCount);
  }

  get assocCount(): number | undefined {
    return this.props.int(PropId.AssocContentCount);
  }

  /** A search folder (NID type 0x03) only points at messages kept in other folders. [MS-PST] 2.4.8 */
  get isSearch(): boolean {
    return nidType(this.nid) === NidType.SEARCH_FOLDER;
  }

  /** Child folders, normal and search, from the hierarchy table. */
  subfolders(): Folder[] {
    if (this.isSearch) return [];
    return this.rowIds(NidType.HIERARCHY_TABLE)
      .filter((nid) => nidType(nid) === NidType.NORMAL_FOLDER || nidType(nid) === NidType.SEARCH_FOLDER)
      .map((nid) => this.store.folder(nid, this.path, this.nid));
  }

  /** NIDs of the messages in the contents table (none for a search folder: it owns no message). */
  messageNids(): Nid[] {
    return this.isSearch ? [] : this.rowIds(NidType.CONTENTS_TABLE);
  }

  /** NIDs of the folder-associated (hidden) messages in the associated contents table. */
  associatedNids(): Nid[] {
    return this.isSearch ? [] : this.rowIds(NidType.ASSOC_CONTENTS_TABLE);
  }

  /** The contents table itself, for reading columns without opening every message. */
  contentsTable(): TableContext | undefined {
    return this.table(NidType.CONTENTS_TABLE);
  }

  private table(type: number): TableContext | undefined {
    const node = this.store.db.node(siblingNid(this.nid, type));
    return node ? new TableContext(node, this.store.db.layout.maxBlockData, this.props.codepage) : undefined;
  }

  private rowIds(type: number): Nid[] {
    const table = this.table(type);
    if (!table) {
      // A folder always has these three tables; a missing one means damage, but an empty list is true to the file.
      // Without its hierarchy or associated contents, the search for a history is incomplete.
      const w = {
        code: 'NOT_FOUND',
        layer: 'messaging',
        id: `nid 0x${siblingNid(this.nid, type).toString(16).toUpperCase()}`,
        message: `folder "${this.name}" has no ${tableName(type)} table`,
      } as const;
      if (type === NidType.CONTENTS_TABLE) this.store.warnings.add(w);
      else this.store.warnings.gap(w, `${tableName(type)} table of "/${this.path.join('/')}"`);
      return [];
    }
    const out: Nid[] = [];
    for (let i = 0; i < table.rowCount; i++) out.push(asNid(table.rowId(i)));
    return out;
  }
}

function tableName(type: number): string {
  if (type === NidType.HIERARCHY_TABLE) return 'hierarchy';
  if (type === NidType.CONTENTS_TABLE) return 'contents';
  if (type === NidType.ASSOC_CONTENTS_TABLE) return 'associated contents';
  throw new PstFormatError('BAD_FOLDER', `table type 0x${type.toString(16)}`, { layer: 'messaging' });
}
