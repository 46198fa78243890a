/**
 * The MD5 in a GroupLens checksum file. GroupLens writes the BSD form, `MD5 (ml-20m.zip) = <hex>`;
 * the GNU form, `<hex>  ml-20m.zip`, is accepted too. Returns lowercase hex, or undefined.
 */
export function parseMd5File(text: string): string | undefined {
  const match = /\b([0-9a-f]{32})\b/i.exec(text);
  return match?.[1]?.toLowerCase();
}
