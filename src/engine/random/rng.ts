/**
 * Seeded pseudo-random numbers with named forks.
 *
 * Every subsystem draws from its own stream (`rng.fork('kubelet/worker-1')`), derived from the root
 * seed and the fork's name only, so adding a subsystem or drawing more numbers in one place never
 * shifts another's sequence. The generator is sfc32 seeded through cyrb128 — small, fast and good
 * enough for simulation (not for cryptography).
 */

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A float in [min, max). */
  range(min: number, max: number): number;
  /** A uniformly chosen element; undefined for an empty list. */
  pick<T>(items: readonly T[]): T | undefined;
  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string;
  /** An RFC 4122 version-4 shaped UID. */
  uuid(): string;
  /** An independent stream named `name`, derived from this stream's seed path (not its position). */
  fork(name: string): Rng;
}

/** Hash a string to four 32-bit words (cyrb128). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX = '0123456789abcdef';
const DASH = '-'.charCodeAt(0);
const FOUR = '4'.charCodeAt(0);

/**
 * Char code buffers by length, reused by every id built: a fresh array per id was most of an id's
 * cost in garbage (a cluster makes one uid per object and Event).
 */
const buffers: number[][] = [];
const bufferOf = (length: number): number[] => (buffers[length] ??= new Array<number>(length).fill(0));

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(private readonly path: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(path).map((w) => w | 0) as [number, number, number, number];
    for (let i = 0; i < 12; i++) this.next(); // discard the warm-up outputs
  }

  /**
   * The next 32-bit output as an unsigned integer. The state words are kept as int32: every
   * operation below is modulo 2^32, so signedness never shows.
   */
  private nextUint32(): number {
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  int(n: number): number {
    // The same value as floor(next() * n): both are the correctly rounded t·n / 2^32.
    return Math.floor((this.nextUint32() * n) / 4294967296);
  }

  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(items.length)];
  }

  string(length: number, alphabet: string): string {
    // Built from char codes in one go: appending char by char leaves a rope of `length` cons-string
    // nodes behind every uid and name, which multiplied the heap of a large cluster.
    const codes = bufferOf(length);
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(this.int(alphabet.length));
    return String.fromCharCode.apply(null, codes);
  }

  uuid(): string {
    // 32 random hex digits laid out 8-4-4-4-12, with the version (4) and variant nibbles forced.
    // int(16) and int(4) are an output's top 4 and 2 bits.
    const codes = bufferOf(36);
    for (let i = 0, at = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) codes[at++] = DASH;
      codes[at++] = HEX.charCodeAt(this.nextUint32() >>> 28);
    }
    codes[14] = FOUR;
    codes[19] = HEX.charCodeAt(8 + (this.nextUint32() >>> 30));
    return String.fromCharCode.apply(null, codes);
  }

  fork(name: string): Rng {
    return new Sfc32(`${this.path}/${name}`);
  }
}

/** The root stream of a simulation. */
export function createRng(seed: number | string): Rng {
  return new Sfc32(`kubesim:${seed}`);
}
