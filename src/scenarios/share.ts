/**
 * Sharing scenarios: a URL fragment (`#s=1.<base64url of zlib-compressed JSON>`) for short ones, and
 * a `.kubesim.json` file for anything larger. No backend: the fragment never leaves the browser.
 *
 * Everything decoded here is untrusted. Decoding enforces limits before doing work (encoded
 * length), while doing it (decompression stops as soon as the output passes the limit, so a
 * "zip bomb" costs at most one chunk more than the limit), and after it (the zlib checksum must
 * match, the text must be UTF-8 and JSON, and the scenario schema is validated by `parseScenario`).
 * The result is plain data: nothing is evaluated, and callers show its strings as text, not HTML.
 *
 * Compression uses a preset dictionary (`shareDictionary.ts`) of text scenarios repeat (the seeds'
 * manifests, kubectl and sim commands, JSON field names), so short scenarios fit in the ~2,000
 * characters chat apps keep. It is part of codec version 1 and never changes; its id travels in the
 * zlib header, so a link made with another dictionary is recognised and refused.
 */
import { Inflate, strToU8, zlibSync } from 'fflate';
import { type Scenario, ScenarioError, parseScenario } from './format.ts';
import { DICTIONARY_V1_TEXT } from './shareDictionary.ts';

export const SHARE_CODEC_VERSION = 1;
export const FRAGMENT_KEY = 's';

export const SHARE_LIMITS = {
  /** Longest fragment payload accepted (characters of base64url). */
  encodedChars: 3_000_000,
  /** Largest decompressed scenario JSON accepted (bytes). */
  decodedBytes: 4 * 1024 * 1024,
  /** Largest `.kubesim.json` file accepted (characters). */
  fileChars: 4 * 1024 * 1024,
  /** Above this many characters a link is unlikely to survive chat apps; offer the file instead. */
  chatFriendlyChars: 2000,
} as const;

/** Why a shared link or file could not be opened, in words for the user. */
export class ShareError extends Error {}

const DICTIONARY_V1 = strToU8(DICTIONARY_V1_TEXT);

// ---- base64url ----

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new ShareError('the link is damaged (its data has an impossible length)');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) throw new ShareError(`the link is damaged (unexpected character at position ${i + 1})`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

// ---- zlib with a bounded inflate ----

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 3800, data.length);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The dictionary's id in every link's zlib header (its Adler-32). */
export const DICTIONARY_V1_ID = adler32(DICTIONARY_V1);
const INPUT_CHUNK = 1024;

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

/** Inflate a zlib stream (with our dictionary), stopping as soon as the output passes `maxBytes`. */
function boundedUnzlib(data: Uint8Array, maxBytes: number): Uint8Array {
  if (data.length < 6 + 4 + 1) throw new ShareError('the link is damaged (too short)');
  const [cmf, flg] = [data[0]!, data[1]!];
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0) throw new ShareError('the link is damaged (not compressed scenario data)');
  if (!(flg & 0x20) || readU32(data, 2) !== DICTIONARY_V1_ID) {
    throw new ShareError('the link was made by a different kubesim version (unknown compression dictionary)');
  }
  const body = data.subarray(6, data.length - 4);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate({ dictionary: DICTIONARY_V1 }, (chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new ShareError(`the scenario is too large (it unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB)`);
    chunks.push(chunk);
  });
  try {
    for (let i = 0; i < body.length; i += INPUT_CHUNK) inflater.push(body.subarray(i, i + INPUT_CHUNK), i + INPUT_CHUNK >= body.length);
  } catch (e) {
    if (e instanceof ShareError) throw e;
    throw new ShareError(`the link is damaged (${(e as Error).message})`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  if (adler32(out) !== readU32(data, data.length - 4)) throw new ShareError('the link is damaged (checksum mismatch)');
  return out;
}

// ---- scenario <-> text ----

/** Compact JSON of a scenario (validated first, so only well-formed scenarios are shared). */
function scenarioJson(scenario: Scenario): string {
  return JSON.stringify(parseScenario(scenario));
}

/** The fragment payload for a scenario (what follows `#s=`). */
export function encodeScenario(scenario: Scenario): string {
  const packed = zlibSync(strToU8(scenarioJson(scenario)), { level: 9, mem: 12, dictionary: DICTIONARY_V1 });
  return `${SHARE_CODEC_VERSION}.${toBase64Url(packed)}`;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ShareError(`${what} is not valid JSON (${(e as Error).message})`);
  }
}

/** Decode a fragment payload. Throws ShareError (damaged, too large) or ScenarioError (invalid). */
export function decodeScenario(payload: string): Scenario {
  if (payload.length > SHARE_LIMITS.encodedChars) {
    throw new ShareError(`the link is too long (${payload.length} characters; at most ${SHARE_LIMITS.encodedChars})`);
  }
  const dot = payload.indexOf('.');
  const version = dot < 0 ? '' : payload.slice(0, dot);
  if (version !== String(SHARE_CODEC_VERSION)) {
    throw new ShareError(/^\d+$/.test(version) ? `the link was made by a newer kubesim (format ${version})` : 'the link is damaged (no format version)');
  }
  const bytes = boundedUnzlib(fromBase64Url(payload.slice(dot + 1)), SHARE_LIMITS.decodedBytes);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ShareError('the link is damaged (its text is not UTF-8)');
  }
  return parseScenario(parseJson(json, 'the link'));
}

/** `#s=...` for a scenario. */
export function scenarioFragment(scenario: Scenario): string {
  return `#${FRAGMENT_KEY}=${encodeScenario(scenario)}`;
}

/** The scenario payload in a location hash (`#s=...`), or undefined when the hash holds none. */
export function fragmentPayload(hash: string): string | undefined {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const prefix = `${FRAGMENT_KEY}=`;
  return text.startsWith(prefix) ? text.slice(prefix.length) : undefined;
}

// ---- .kubesim.json files ----

export const SCENARIO_FILE_EXTENSION = '.kubesim.json';

/** A scenario as a readable file (for scenarios too long for a link, and for version control). */
export function exportScenarioFile(scenario: Scenario): string {
  return `${JSON.stringify(parseScenario(scenario), null, 2)}\n`;
}

/** Read a `.kubesim.json` file. Throws ShareError or ScenarioError. */
export function importScenarioFile(text: string): Scenario {
  if (text.length > SHARE_LIMITS.fileChars) {
    throw new ShareError(`the file is too large (${Math.round(text.length / 1024)} KB; at most ${SHARE_LIMITS.fileChars / 1024 / 1024} MB)`);
  }
  return parseScenario(parseJson(text.replace(/^\uFEFF/, ''), 'the file'));
}

/** How a scenario is best shared: a link when it is short enough for chat apps, else a file too. */
export function shareSize(scenario: Scenario): { fragmentChars: number; chatFriendly: boolean; fileChars: number } {
  const fragmentChars = scenarioFragment(scenario).length;
  return { fragmentChars, chatFriendly: fragmentChars <= SHARE_LIMITS.chatFriendlyChars, fileChars: exportScenarioFile(scenario).length };
}

export { ScenarioError };
