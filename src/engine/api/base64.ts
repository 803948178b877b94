/**
 * Base64 as the API server uses it for `[]byte` fields (Secret.data, ConfigMap.binaryData): UTF-8
 * text in and out, and Go's StdEncoding errors (`illegal base64 data at input byte N`). Written
 * out rather than atob/btoa, which only know Latin-1 and throw on bad input.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

/** Base64 (standard alphabet, padded) of the UTF-8 encoding of `text`. */
export function base64Encode(text: string): string {
  const bytes = utf8(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + (b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!) + (c === undefined ? '=' : ALPHABET[n & 63]!);
  }
  return out;
}

/** Where Go's decoder would stop on `text` (undefined when it is valid base64). Newlines are skipped, as in Go. */
export function invalidBase64At(text: string): number | undefined {
  const clean = text.replace(/[\r\n]/g, '');
  for (let q = 0; q < clean.length; q += 4) {
    const quantum = clean.slice(q, q + 4);
    if (quantum.length < 4) return q;
    for (let j = 0; j < 4; j++) {
      const c = quantum[j]!;
      if (c === '=') {
        // Padding only in the last quantum, at positions 2-3, and only followed by padding.
        const last = q + 4 === clean.length;
        if (!last || j < 2 || (j === 2 && quantum[3] !== '=')) return q + j;
        break;
      }
      if (!VALUE.has(c)) return q + j;
    }
  }
  return undefined;
}

/** Decode base64 to text (invalid UTF-8 becomes U+FFFD); invalid base64 yields undefined. */
export function base64Decode(text: string): string | undefined {
  if (invalidBase64At(text) !== undefined) return undefined;
  const clean = text.replace(/[\r\n]/g, '').replace(/=+$/, '');
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const c of clean) {
    acc = (acc << 6) | VALUE.get(c)!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    const tail = bytes.slice(i + 1, i + len);
    if (len === 0 || tail.length !== len - 1 || tail.some((t) => (t & 0xc0) !== 0x80)) {
      out += '\ufffd';
      i++;
      continue;
    }
    let cp = len === 1 ? b : b & (0xff >> (len + 1));
    for (const t of tail) cp = (cp << 6) | (t & 63);
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}
