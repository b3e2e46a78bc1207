// Evidence strings never reach a terminal or a spreadsheet raw: control characters, ANSI escape
// sequences, bidirectional marks and invisible characters are shown as escapes, and formula-like
// CSV cells defused. JSON output keeps every character exact; only text for people is escaped.

// C0, DEL, C1; soft hyphen; Arabic letter mark U+061C; Mongolian vowel separator U+180E; zero-width
// space, joiners and LRM/RLM U+200B–U+200F; line/paragraph separators U+2028/2029; bidi embeddings
// and overrides U+202A–U+202E; word joiner and invisible operators U+2060–U+2064; bidi isolates and
// deprecated format controls U+2066–U+206F; BOM / zero-width no-break space U+FEFF; interlinear
// annotation marks U+FFF9–U+FFFB; and UTF-16 surrogates that are not part of a pair.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    if (c === '\\') return '\\\\';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/**
 * A path for people: `escapeText`, except that a path made from bytes that are not UTF-8 (the
 * report's `pathHex`) already shows each such byte as `\xNN` and each backslash doubled, so its
 * backslashes stay as they are. A single backslash is then always an escape, and a name holding
 * the byte 0xFF never reads like one holding the four characters `\xFF`.
 */
export function escapePath(path: string, fromBytes: boolean): string {
  return fromBytes ? path.split('\\').map(escapeText).join('\\') : escapeText(path);
}

/**
 * `escapeText`, cut to `max` characters of the original with the cut said: a table cell of a 5 MB
 * UID is unreadable and makes the table itself megabytes (JSON, NDJSON and CSV keep it whole).
 */
export function escapeCell(s: string, max: number): string {
  if (s.length <= max) return escapeText(s);
  return `${escapeText(s.slice(0, max))}… (${s.length} characters)`;
}

/** A CSV cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseCsvCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
