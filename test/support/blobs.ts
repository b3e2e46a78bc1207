// Hand-built history blobs, byte by byte as the format documentation describes them.

export const enc = (s: string): number[] => [...Buffer.from(s, 'utf8')];

/** Header then parts: a string is a tag (its NUL added), an array is raw bytes. */
export const blob = (version: number, count: number, ...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from([version & 0xff, version >> 8, count & 0xff, count >> 8, ...parts.flatMap((p) => (typeof p === 'string' ? [...enc(p), 0] : p))]);

/** The documentation's example: 23 tags, the first as given there; the other 22 in the same form. */
export function docsExample(): Uint8Array {
  const tags = ['+b20120906131138' + '0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74'];
  for (let i = 1; i < 23; i++) {
    const op = ['+', '-', '&'][i % 3]!;
    const content = ['b', 'h', ' '][i % 3]!;
    tags.push(`${op}${content}201209${String(6 + (i % 20)).padStart(2, '0')}1${i % 10}1138${'0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB'}${String(i).padStart(2, '0')}`);
  }
  return blob(3, 23, ...tags);
}

