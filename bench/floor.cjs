// `node bench/floor.cjs PST READS BYTES`: the work that no reader of this evidence in Node can skip,
// as a floor for pophist's time: start Node, make the reads pophist's pass made (bench/read-log.cjs,
// one readSync each, in the same order), a CRC-32 over every byte read (integrity is part of the
// evidence; pophist checks each block's), and write BYTES (the report's size) to standard output.
// No parsing, no findings, no JSON.
'use strict';
const fs = require('node:fs');
const { crc32 } = require('node:zlib');
const [pst, reads, bytes] = process.argv.slice(2);
const list = new Float64Array(new Uint8Array(fs.readFileSync(reads)).buffer);
const fd = fs.openSync(pst, 'r');
let buf = Buffer.allocUnsafe(1 << 20);
let crc = 0;
for (let k = 0; k < list.length; k += 2) {
  const length = list[k + 1];
  if (buf.length < length) buf = Buffer.allocUnsafe(length);
  crc ^= crc32(buf.subarray(0, fs.readSync(fd, buf, 0, length, list[k])));
}
const piece = Buffer.alloc(1 << 20, 0x20);
for (let left = Number(bytes); left > 0; left -= piece.length) fs.writeSync(1, piece, 0, Math.min(left, piece.length));
process.exitCode = crc === 0.5 ? 1 : 0; // the CRCs used, so that no engine drops them
