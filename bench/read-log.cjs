// Preloaded (`node -r`) into one pophist run: writes, at exit, every positioned read of the file
// named by POPHIST_BENCH_READS_OF to POPHIST_BENCH_READS (offset and length as float64 pairs) and
// prints, as its last line on stderr, what the kernel counted the process reading and writing
// (/proc/self/io rchar and wchar: every read call, from disk or page cache). The floor
// (bench/floor.cjs) replays those reads; T7 is the rchar.
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
  const io = fs.readFileSync('/proc/self/io', 'utf8');
  const count = (name) => Number(new RegExp(`${name}: (\\d+)`).exec(io)[1]);
  const counted = { reads: log.length / 2, rchar: count('rchar'), wchar: count('wchar') };
  fs.writeFileSync(process.env.POPHIST_BENCH_READS, new Uint8Array(new Float64Array(log).buffer));
  process.stderr.write(`\n${JSON.stringify(counted)}\n`);
});
