// Evidence strings never reach a terminal or a spreadsheet raw: control characters, ANSI escape
// sequences and bidirectional overrides are shown as escapes, and formula-like CSV cells defused.

// C0, DEL, C1, and the bidi embedding/override/isolate marks that can reorder what is shown.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\\]/g;

export function escapeText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    if (c === '\\') return '\\\\';
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** A CSV cell that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function neutraliseCsvCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
