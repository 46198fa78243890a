export type TextEncoding = 'utf-8' | 'latin1';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes a text file. `auto` reads UTF-8 when the bytes are valid UTF-8 and Latin-1 otherwise:
 * ml-1m and ml-100k are Latin-1, the newer releases UTF-8, and Latin-1 text with accents is never
 * valid UTF-8, so the guess cannot silently garble a title. A UTF-8 byte-order mark is dropped.
 */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncoding | 'auto' = 'auto',
): { text: string; encoding: TextEncoding } {
  if (encoding !== 'latin1') {
    try {
      return { text: utf8.decode(bytes), encoding: 'utf-8' };
    } catch (error) {
      if (encoding === 'utf-8') throw error;
    }
  }
  return {
    text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
    encoding: 'latin1',
  };
}

/** Length of a UTF-8 byte-order mark at the start of `bytes` (0 or 3). */
export function bomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}
