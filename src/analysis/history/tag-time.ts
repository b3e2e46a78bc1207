// A tag's time as a number. The decoder gives each entry its time as written ("yyyyMMddHHmmss",
// UTC) and, for the report, as an ISO-8601 slice; correlation works in whole seconds since 1970,
// taken here from the written digits by arithmetic, without making or parsing a date string.

/** Days from 1970-01-01 to the proleptic Gregorian date y-m-d (any year 1–9999; Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const digits = (s: string, at: number, n: number): number => {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + s.charCodeAt(i) - 0x30;
  return v;
};

/** Seconds since 1970 (negative before) of an accepted tag's `timeRaw`, whose date the decoder checked. */
export function tagSeconds(timeRaw: string): number {
  const days = daysFromCivil(digits(timeRaw, 0, 4), digits(timeRaw, 4, 2), digits(timeRaw, 6, 2));
  return days * 86_400 + digits(timeRaw, 8, 2) * 3600 + digits(timeRaw, 10, 2) * 60 + digits(timeRaw, 12, 2);
}
