// libpff's pffexport as an independent oracle of a PST's folders and messages.
//
// We run `pffexport -m items -f text -l LOG -t DIR FILE` in a fresh temp dir and read two things:
// - the log (-l): one "Processing folder: N (identifier: NID) in path: P/" line per folder (P is its
//   parent's directory; the root folder 0x122 is the export directory itself, "DIR.export/") followed
//   by "Saving folder with name: NAME as: DIRNAME"; one "Processing <kind>: N (identifier: NID) in
//   path: P/" line per item exported from the folder P (items inside an attachment's embedded
//   message have a path below an Attachments/ directory and are not the folder's); and "Skipped
//   export of item: i out of: n" for items of a class it does not export, with no folder named.
//   Together: every folder's NID and path, every exported message's NID, and the skipped total.
// - the exported files: DIR.export/<path>/<Kind>NNNNN/OutlookHeaders.txt holds "Subject:\t…", and
//   Attachments/<n>_<filename> the attachment bytes.
// Search folders are exported as (empty) folders. Associated contents are not exported at all.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OracleMessage {
  nid: number;
  subject?: string;
  attachments: { name: string; sha256: string }[];
}

export interface OracleFolder {
  nid: number;
  /** Folder names from the root down; the root folder is []. */
  path: string[];
  messages: OracleMessage[];
}

export interface OracleTree {
  folders: OracleFolder[];
  /** Items pffexport saw but did not export (classes it does not know). The log names no folder, and
   * a folder's items are logged after its subfolders, so a skip line is not tied to one folder... */
  skipped: number;
  /** ...except right after a search folder (which has no subfolders): those are its items. libpff
   * lists items for search folders that are in neither their contents nor the NBT; we do not. */
  skippedInSearchFolders: number;
}

const FOLDER = /^Processing folder: \d+ \(identifier: (\d+)\) in path: (.*)$/;
const SAVE = /^Saving folder with name: (.*) as: (.*)$/;
const ITEM = /^Processing [a-z ]+: \d+ \(identifier: (\d+)\) in path: (.*)$/;
const SKIP = /^Skipped export of item: \d+ out of: \d+/;
const CREATED = /^Created directory: (.*)\.$/;

const cache = new Map<string, OracleTree>();

/** `codepage`: the Windows code page libpff reads 8-bit strings in (its -c; 1252 unless given). It
 * takes one for the whole file: a message's own PidTagMessageCodepage is not honoured. */
export function pffexportTree(file: string, codepage?: number): OracleTree {
  const key = `${file}\0${codepage ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const dir = mkdtempSync(join(tmpdir(), 'pophist-pff-'));
  try {
    const base = join(dir, 'x');
    const log = join(dir, 'log.txt');
    try {
      const cp = codepage === undefined ? [] : ['-c', `windows-${codepage}`];
      execFileSync('pffexport', ['-m', 'items', '-f', 'text', '-q', ...cp, '-l', log, '-t', base, file], { stdio: 'ignore', timeout: 60_000 });
    } catch {
      // pffexport exits non-zero when some item fails; what it logged is still what it saw.
    }
    const root = `${base}.export/`;
    const folders: OracleFolder[] = [{ nid: 0x122, path: [], messages: [] }];
    let skipped = 0;
    let skippedInSearchFolders = 0;
    let inSearchFolder = false;
    const byDir = new Map<string, OracleFolder>([[root, folders[0]!]]);
    const itemDirs: { dir: string; item: OracleMessage }[] = [];
    let pendingFolder: { nid: number; parentDir: string } | undefined;
    let pendingItem: OracleMessage | undefined;
    const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
    for (const line of lines) {
      let m: RegExpExecArray | null;
      if ((m = FOLDER.exec(line))) {
        pendingFolder = { nid: Number(m[1]), parentDir: m[2]! };
        inSearchFolder = (pendingFolder.nid & 0x1f) === 3;
      } else if ((m = SAVE.exec(line)) && pendingFolder) {
        const parent = byDir.get(pendingFolder.parentDir);
        if (!parent) throw new Error(`pffexport log names an unknown parent ${pendingFolder.parentDir}`);
        const folder: OracleFolder = { nid: pendingFolder.nid, path: [...parent.path, m[1]!], messages: [] };
        folders.push(folder);
        byDir.set(`${pendingFolder.parentDir}${m[2]}/`, folder);
        pendingFolder = undefined;
      } else if ((m = ITEM.exec(line))) {
        const folder = byDir.get(m[2]!);
        pendingItem = undefined;
        inSearchFolder = false;
        if (!folder) {
          if (!m[2]!.includes('/Attachments/')) throw new Error(`pffexport log names an unknown folder ${m[2]}`);
          continue; // a message embedded in an attachment
        }
        pendingItem = { nid: Number(m[1]), attachments: [] };
        folder.messages.push(pendingItem);
      } else if (SKIP.test(line)) {
        skipped++;
        if (inSearchFolder) skippedInSearchFolders++;
      } else if ((m = CREATED.exec(line)) && pendingItem) {
        // The directory created right after an item line is that item's.
        itemDirs.push({ dir: m[1]!, item: pendingItem });
        pendingItem = undefined;
      }
    }
    for (const { dir: d, item } of itemDirs) readItem(d, item);
    const tree = { folders, skipped, skippedInSearchFolders };
    cache.set(key, tree);
    return tree;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readItem(dir: string, item: OracleMessage): void {
  // E-mail keeps it in OutlookHeaders.txt; appointments, contacts, tasks in <Kind>.txt.
  const texts = readdirSync(dir).filter((n) => n.endsWith('.txt') && n !== 'Message.txt' && n !== 'Recipients.txt');
  for (const name of texts.sort((a, b) => Number(b === 'OutlookHeaders.txt') - Number(a === 'OutlookHeaders.txt'))) {
    const m = /^Subject:\t+(.*)$/m.exec(readFileSync(join(dir, name), 'utf8'));
    if (m) {
      item.subject = m[1];
      break;
    }
  }
  const atts = join(dir, 'Attachments');
  if (!existsSync(atts)) return;
  for (const name of readdirSync(atts).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))) {
    if (statSync(join(atts, name)).isDirectory()) continue; // an embedded message, not bytes
    const sha256 = createHash('sha256').update(readFileSync(join(atts, name))).digest('hex');
    item.attachments.push({ name: name.replace(/^\d+_/, ''), sha256 });
  }
}
