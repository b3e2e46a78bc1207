// FILETIME (100 ns ticks since 1601-01-01 UTC), as key and hive timestamps store it.

const UNIX_EPOCH_TICKS = 116444736000000000n;

/** A Date, or undefined for 0 and for what a Date cannot hold. */
export function filetimeToDate(ft: bigint): Date | undefined {
  if (ft === 0n) return undefined;
  const d = new Date(Number((ft - UNIX_EPOCH_TICKS) / 10000n));
  return Number.isNaN(d.getTime()) ? undefined : d;
}
