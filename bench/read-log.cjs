// Preloaded (`node -r`) into one pophist run: writes, at exit, every positioned read of the file
// named by POPHIST_BENCH_READS_OF to POPHIST_BENCH_READS (offset and length as float64 pairs) and
// prints, as its last line on stderr, the bytes the process wrote (/proc/self/io wchar). The floor
// (bench/floor.cjs) replays those reads.
'use strict';
const fs = require('node:fs');
const { resolve } = require('node:path');
const of = resolve(process.env.POPHIST_BENCH_READS_OF);
const fds = new Set();
const log = [];
const { openSync, readSync } = fs;
fs.openSync = (path, ...rest) => {
  const fd = openSync(path, ...rest);
  if (typeof path === 'string' && resolve(path) === of) fds.add(fd);
  return fd;
};
fs.readSync = (fd, buffer, offset, length, position) => {
  const n = readSync(fd, buffer, offset, length, position);
  if (fds.has(fd) && typeof position === 'number') log.push(position, length);
  return n;
};
process.on('exit', () => {
  const wchar = Number(/wchar: (\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'))[1]);
  fs.writeFileSync(process.env.POPHIST_BENCH_READS, new Uint8Array(new Float64Array(log).buffer));
  process.stderr.write(`\n${JSON.stringify({ reads: log.length / 2, wchar })}\n`);
});
