// Hand-built history blobs, byte by byte as the format documentation describes them.

export const enc = (s: string): number[] => [...Buffer.from(s, 'utf8')];

/** Header then parts: a string is a tag (its NUL added), an array is raw bytes. */
export const blob = (version: number, count: number, ...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from([version & 0xff, version >> 8, count & 0xff, count >> 8, ...parts.flatMap((p) => (typeof p === 'string' ? [...enc(p), 0] : p))]);

export { docsExample } from '../../tools/samples/docs-example.js';
