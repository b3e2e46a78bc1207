// A structural check of a compound file ([MS-CFB]) before msgreader walks it: msgreader trusts the
// directory tree and stream sizes, and a loop or an absurd size in a damaged file makes it grow an
// array until the process dies. Every chain and tree here is walked once, bounded by the file size.

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;
const DIR_ENTRY = 128;

export function checkCompoundFile(b: Uint8Array): string | undefined {
  if (b.length < 512) return 'shorter than a compound-file header';
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const shift = v.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return `sector shift ${shift} is neither 9 nor 12`;
  const size = 1 << shift;
  const sectors = Math.floor((b.length - size) / size); // whole sectors only: a cut one is outside
  const sectorOffset = (s: number): number => size + s * size;

  // The FAT, from the 109 header DIFAT entries and the DIFAT chain. [MS-CFB] 2.5
  const fatSectors: number[] = [];
  const fatCount = v.getUint32(0x2c, true);
  if (fatCount > sectors) return `header declares ${fatCount} FAT sectors in a file of ${sectors}`;
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(v.getUint32(0x4c + 4 * i, true));
  let difat = v.getUint32(0x44, true);
  const seenDifat = new Set<number>();
  while (fatSectors.length < fatCount && difat !== ENDOFCHAIN && difat !== FREESECT) {
    if (difat >= sectors || seenDifat.has(difat)) return 'the DIFAT chain leaves the file or loops';
    seenDifat.add(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(v.getUint32(sectorOffset(difat) + 4 * i, true));
    difat = v.getUint32(sectorOffset(difat) + size - 4, true);
  }
  if (fatSectors.some((s) => s >= sectors)) return 'a FAT sector lies outside the file';
  const next = (s: number): number => v.getUint32(sectorOffset(fatSectors[Math.floor((s * 4) / size)]!) + ((s * 4) % size), true);

  // The directory chain, then its red-black tree from the root entry. [MS-CFB] 2.6
  const dirSectors: number[] = [];
  const seen = new Set<number>();
  for (let s = v.getUint32(0x30, true); s !== ENDOFCHAIN; s = next(s)) {
    if (s >= sectors || seen.has(s) || Math.floor((s * 4) / size) >= fatSectors.length) return 'the directory chain leaves the file or loops';
    seen.add(s);
    dirSectors.push(s);
  }
  // Every stream's sector chain, in the FAT or (below the cutoff) the mini FAT, walked once: a chain
  // that loops makes msgreader grow an array until the process dies. [MS-CFB] 2.3, 2.4
  const chainLoops = (start: number, limit: number, nextOf: (s: number) => number): boolean => {
    const seenChain = new Set<number>();
    for (let s = start; s !== ENDOFCHAIN && s !== FREESECT; s = nextOf(s)) {
      if (s >= limit || seenChain.has(s)) return true;
      seenChain.add(s);
    }
    return false;
  };
  const fatLimit = Math.min(sectors, (fatSectors.length * size) / 4);
  const miniFat: number[] = [];
  for (let s = v.getUint32(0x3c, true); s !== ENDOFCHAIN && s !== FREESECT; s = next(s)) {
    if (s >= fatLimit || miniFat.includes(s)) return 'the mini FAT chain leaves the file or loops';
    miniFat.push(s);
  }
  const miniNext = (s: number): number => v.getUint32(sectorOffset(miniFat[Math.floor((s * 4) / size)]!) + ((s * 4) % size), true);
  const cutoff = v.getUint32(0x38, true);
  const entries = (dirSectors.length * size) / DIR_ENTRY;
  const entryAt = (id: number): number => sectorOffset(dirSectors[Math.floor((id * DIR_ENTRY) / size)]!) + ((id * DIR_ENTRY) % size);
  const visited = new Set<number>();
  const stack = [0];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === NOSTREAM) continue;
    if (id >= entries) return `directory entry ${id} does not exist`;
    if (visited.has(id)) return `the directory tree reaches entry ${id} twice`;
    visited.add(id);
    const o = entryAt(id);
    const streamSize = v.getUint32(o + 120, true) + v.getUint32(o + 124, true) * 2 ** 32;
    if (b[o + 66] === 2 && streamSize > b.length) return `stream ${id} declares ${streamSize} bytes in a ${b.length}-byte file`;
    const start = v.getUint32(o + 116, true);
    if (b[o + 66] === 5 || (b[o + 66] === 2 && streamSize >= cutoff)) {
      if (chainLoops(start, fatLimit, next)) return `the sector chain of entry ${id} leaves the file or loops`;
    } else if (b[o + 66] === 2 && streamSize > 0 && chainLoops(start, (miniFat.length * size) / 4, miniNext)) {
      return `the mini sector chain of stream ${id} leaves the file or loops`;
    }
    stack.push(v.getUint32(o + 68, true), v.getUint32(o + 72, true), v.getUint32(o + 76, true));
  }
  return undefined;
}
