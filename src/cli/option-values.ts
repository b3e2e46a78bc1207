// Option values checked as yargs parses them: an empty or malformed value is a one-line usage
// error (exit 2), never a silent default (yargs reads `--window ""` as 0).

import { UsageError } from './errors.js';

/** A string option that must not be empty (a bare `--smtp` would otherwise select by ""). */
export function nonEmpty(flag: string): (v: string) => string {
  return (v) => {
    if (v.trim() === '') throw new UsageError(`--${flag} needs a value, got an empty one`);
    return v;
  };
}

/** Whole seconds from 0 to max, given as digits; the default arrives as a number. */
export function wholeSeconds(flag: string, max: number): (v: string | number) => number {
  return (v) => {
    const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`--${flag} must be a whole number of seconds from 0 to ${max}, got ${JSON.stringify(v)}`);
    return n;
  };
}

/** A whole number from min to max, given as digits; a default arrives as a number. */
export function wholeNumber(flag: string, min: number, max: number, unit = ''): (v: string | number) => number {
  return (v) => {
    const n = typeof v === 'number' ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number${unit} from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return n;
  };
}
