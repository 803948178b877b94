/**
 * controller.ComputeHash (pkg/controller/controller_utils.go), in our words: a 32-bit FNV-1a hash
 * of the pod template (here: of its canonical JSON) plus the collision count, printed in decimal
 * and passed through rand.SafeEncodeString — which maps each digit onto the "safe" alphabet, so
 * hashes look like upstream's (`9495d9bf5`, `bc974964b`: only the characters 4-9, b, c, d, f).
 */
import { canonicalJson } from '../../api/canonical.ts';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function fnv32a(bytes: Iterable<number>, seed = 0x811c9dc5): number {
  let h = seed;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

/** The UTF-8 bytes of a string (without host APIs). */
function* utf8(text: string): Generator<number> {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) yield c;
    else if (c < 0x800) yield* [0xc0 | (c >> 6), 0x80 | (c & 0x3f)];
    else if (c < 0x10000) yield* [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
    else yield* [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  }
}

/** rand.SafeEncodeString: each byte of `text` picks a character of the safe alphabet. */
export function safeEncodeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += SAFE_ALPHABET[text.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(utf8(canonicalJson(template)));
  if (collisionCount !== undefined) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer.
    const n = collisionCount >>> 0;
    h = fnv32a([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff, 0, 0, 0, 0], h);
  }
  return safeEncodeString(String(h));
}
