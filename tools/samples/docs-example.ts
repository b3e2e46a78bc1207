// The history blob of the format documentation's example: header 03 00 17 00 (version 3, 23 tags),
// tag 1 exactly as given there, the other 22 in the same form (the documentation shows only one).

export function docsExample(): Uint8Array {
  const tags = ['+b20120906131138' + '0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB74'];
  for (let i = 1; i < 23; i++) {
    const op = ['+', '-', '&'][i % 3]!;
    const content = ['b', 'h', ' '][i % 3]!;
    tags.push(`${op}${content}201209${String(6 + (i % 20)).padStart(2, '0')}1${i % 10}1138${'0BC535DB$2dEA63$2d11E1$2dA75C$2d00215AD7BB'}${String(i).padStart(2, '0')}`);
  }
  const body = tags.flatMap((s) => [...Buffer.from(s, 'utf8'), 0]);
  return Uint8Array.from([0x03, 0x00, 0x17, 0x00, ...body]);
}
