// Hex text as people paste it: bare hex (a report's trailer, `xxd -p`), an `xxd` dump, or a
// `hexdump -C` / `od`-style dump with offsets. Every line must parse and every offset must follow
// on from the bytes before it, or the text is not taken for hex at all.

const BARE_HEX = /^(?:0x)?[0-9a-fA-F\s]*$/;
const XXD_LINE = /^([0-9a-fA-F]+): (.*)$/;
const XXD_HEX = /^[0-9a-fA-F]+(?: [0-9a-fA-F]+)* *$/;
const HEXDUMP_LINE = /^([0-9a-fA-F]{7,16})(?: {1,2}((?:[0-9a-fA-F]{2} {1,2})*[0-9a-fA-F]{2})\s*(?:\|.*\|)?)?\s*$/;

/** Bare hex: only hex digits and white space once an optional 0x is dropped, an even number of digits. */
function bareHex(text: string): Uint8Array | undefined {
  if (!BARE_HEX.test(text)) return undefined;
  const digits = text.replace(/^\s*0x/, '').replace(/\s+/g, '');
  if (digits.length === 0 || digits.length % 2 !== 0) return undefined;
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

interface DumpLine {
  offset: number;
  /** Hex digits of the line; empty for the closing offset-only line of hexdump -C. */
  hex: string;
}

function dumpLine(line: string): DumpLine | '*' | undefined {
  if (line === '*') return '*';
  const x = XXD_LINE.exec(line);
  if (x) {
    // xxd: hex groups, then two spaces and the ASCII column (padded when the line is short).
    const hexPart = x[2]!.split('  ')[0]!;
    if (!XXD_HEX.test(hexPart)) return undefined;
    return { offset: parseInt(x[1]!, 16), hex: hexPart.replace(/ /g, '') };
  }
  const h = HEXDUMP_LINE.exec(line);
  if (h) return { offset: parseInt(h[1]!, 16), hex: (h[2] ?? '').replace(/ /g, '') };
  return undefined;
}

/** An `xxd` or `hexdump -C` dump; a `*` line repeats the line before it up to the next offset. */
function dump(text: string, limit: number): Uint8Array | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd()).filter((l) => l.length > 0);
  if (lines.length === 0) return undefined;
  const parts: Buffer[] = [];
  let size = 0;
  let previous: Buffer | undefined;
  let repeat = false;
  for (const l of lines) {
    const d = dumpLine(l);
    if (d === undefined) return undefined;
    if (d === '*') {
      if (!previous || previous.length === 0) return undefined;
      repeat = true;
      continue;
    }
    if (d.hex.length % 2 !== 0) return undefined;
    if (repeat) {
      // The repeated line fills whole lines up to this offset.
      if ((d.offset - size) % previous!.length !== 0 || d.offset < size) return undefined;
      if (d.offset > limit) throw new RangeError(`the dump repeats a line up to offset ${d.offset}, past the ${limit}-byte limit on decode input`);
      for (; size < d.offset; size += previous!.length) parts.push(previous!);
      repeat = false;
    }
    if (d.offset !== size) return undefined;
    const bytes = Buffer.from(d.hex, 'hex');
    parts.push(bytes);
    size += bytes.length;
    previous = bytes;
  }
  if (repeat || size === 0) return undefined;
  return new Uint8Array(Buffer.concat(parts, size));
}

// Bare hex, an xxd dump and a hexdump -C dump all start, after any white space, with a hex digit.
const HEX_START = /^\s*[0-9a-fA-F]/;

/**
 * The bytes that hex text spells, or undefined when the text is not hex in one of these forms.
 * Throws a RangeError when a `*` line would spell more than `limit` bytes.
 */
export function parseHexText(text: string, limit: number): Uint8Array | undefined {
  // A raw blob (its version, 3, then a count) is told apart without splitting megabytes into lines.
  if (!HEX_START.test(text)) return undefined;
  return bareHex(text) ?? dump(text, limit);
}
