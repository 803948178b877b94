import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zlibSync, strToU8 } from 'fflate';
import { type Scenario, ScenarioError } from './format.ts';
import {
  DICTIONARY_V1_ID,
  SHARE_LIMITS,
  ShareError,
  decodeScenario,
  encodeScenario,
  exportScenarioFile,
  fragmentPayload,
  fromBase64Url,
  importScenarioFile,
  scenarioFragment,
  shareSize,
  toBase64Url,
} from './share.ts';

const scenario: Scenario = {
  version: 1,
  title: 'pi',
  seed: 1,
  manifests: [
    {
      name: 'pi.yaml',
      text: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]\n      restartPolicy: Never\n  backoffLimit: 4\n',
    },
  ],
  timeline: [
    { atMs: 0, command: 'kubectl apply -f pi.yaml' },
    { atMs: 15_000, command: 'kubectl get pods -o wide' },
    { atMs: 40_000, command: 'kubectl logs job/pi' },
  ],
  resumeAtMs: 45_000,
};

/** A link made by codec 1 when it shipped: it must open forever. */
const PINNED_LINK = '1.ePl57-N5Qw1-SAgDGcghTIJLYJkAwx0GtQAx_CMX';

/**
 * A link around arbitrary bytes: a zlib stream with the codec's header (dictionary flag and id). Its
 * body never refers back into the dictionary, so it inflates the same as without one.
 */
function packWithCodec(bytes: Uint8Array): string {
  const header = fromBase64Url(encodeScenario(scenario).slice(2)).subarray(0, 6);
  const plain = zlibSync(bytes, { level: 9 });
  const out = new Uint8Array(plain.length + 4);
  out.set(header, 0);
  out.set(plain.subarray(2), 6);
  return `1.${toBase64Url(out)}`;
}

function shareErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ShareError) return e.message;
    throw e;
  }
  throw new Error('expected a ShareError');
}

describe('scenario links', () => {
  it('round-trips through a #s= fragment', () => {
    const fragment = scenarioFragment(scenario);
    expect(fragment).toMatch(/^#s=1\.[A-Za-z0-9_-]+$/);
    expect(decodeScenario(fragmentPayload(fragment)!)).toEqual(scenario);
    expect(fragmentPayload('#/learn/first-job')).toBeUndefined();
    expect(fragmentPayload('s=abc')).toBe('abc');
  });

  it('keeps the compression dictionary of codec 1 byte for byte (old links depend on it)', () => {
    expect(DICTIONARY_V1_ID.toString(16)).toBe('79efe379');
    // A known link made with codec 1 still opens.
    expect(decodeScenario(PINNED_LINK)).toEqual({ version: 1, seed: 1, manifests: [], timeline: [{ atMs: 0, command: 'kubectl get pods' }], resumeAtMs: 0 });
  });

  it('stays well under chat-app limits for a short scenario', () => {
    const size = shareSize(scenario);
    expect(size.chatFriendly).toBe(true);
    expect(size.fragmentChars).toBeLessThan(500);
    expect(size.fileChars).toBe(exportScenarioFile(scenario).length);
  });

  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect([...fromBase64Url(text)]).toEqual([...bytes]);
      }),
    );
  });

  it.each([
    ['a missing version', 'eJxLTEoGAAJNASc', 'the link is damaged (no format version)'],
    ['a newer format', '2.eJxLTEoGAAJNASc', 'the link was made by a newer kubesim (format 2)'],
    ['characters outside base64url', '1.abc$def', 'the link is damaged (unexpected character at position 4)'],
    ['an impossible length', '1.abcde', 'the link is damaged (its data has an impossible length)'],
    ['too few bytes', '1.eJxLTA', 'the link is damaged (too short)'],
    ['data that is not zlib', `1.${toBase64Url(strToU8('hello, this is not zlib data'))}`, 'the link is damaged (not compressed scenario data)'],
    ['zlib without our dictionary', `1.${toBase64Url(zlibSync(strToU8('{"version":1}')))}`, 'the link was made by a different kubesim version (unknown compression dictionary)'],
  ])('rejects %s with a message', (_name, payload, message) => {
    expect(shareErrorOf(() => decodeScenario(payload))).toBe(message);
  });

  it('detects truncated and altered links', () => {
    const payload = encodeScenario(scenario);
    expect(shareErrorOf(() => decodeScenario(payload.slice(0, -12)))).toMatch(/^the link is damaged/);
    // Flip one character in the middle: either the inflate fails or the checksum does.
    const mid = Math.floor(payload.length / 2);
    const altered = payload.slice(0, mid) + (payload[mid] === 'A' ? 'B' : 'A') + payload.slice(mid + 1);
    expect(shareErrorOf(() => decodeScenario(altered))).toMatch(/^the link is damaged/);
  });

  it('never throws anything but ShareError or ScenarioError on arbitrary or mangled input', () => {
    const good = encodeScenario(scenario);
    const expectRejectedOrValid = (payload: string) => {
      try {
        expect(decodeScenario(payload).version).toBe(1);
      } catch (e) {
        if (!(e instanceof ShareError) && !(e instanceof ScenarioError)) throw e;
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => expectRejectedOrValid(text)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => expectRejectedOrValid(`1.${text}`)), { numRuns: 300 });
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.constantFrom(...'AZaz09-_.'), (at, c) => expectRejectedOrValid(good.slice(0, at) + c + good.slice(at + 1))),
      { numRuns: 300 },
    );
  });

  it('stops inflating a zip bomb at the size limit', () => {
    const bomb = packWithCodec(new Uint8Array(6 * 1024 * 1024).fill(32));
    expect(bomb.length).toBeLessThan(20_000);
    expect(shareErrorOf(() => decodeScenario(bomb))).toBe('the scenario is too large (it unpacks to more than 4 MB)');
  });

  it('rejects over-long links before decoding them', () => {
    const long = `1.${'A'.repeat(SHARE_LIMITS.encodedChars)}`;
    expect(shareErrorOf(() => decodeScenario(long))).toBe(`the link is too long (${long.length} characters; at most ${SHARE_LIMITS.encodedChars})`);
  });

  it('validates what it unpacks', () => {
    expect(shareErrorOf(() => decodeScenario(packWithCodec(strToU8('{"version":1,'))))).toMatch(/^the link is not valid JSON \(/);
    const notUtf8 = packWithCodec(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(shareErrorOf(() => decodeScenario(notUtf8))).toBe('the link is damaged (its text is not UTF-8)');
    const hostile = packWithCodec(strToU8(JSON.stringify({ ...scenario, timeline: [{ atMs: 0, command: '<img src=x onerror=alert(1)>' }] })));
    expect(() => decodeScenario(hostile)).toThrow(ScenarioError);
  });

  it('keeps markup as inert text', () => {
    const withMarkup: Scenario = { ...scenario, title: '<script>alert(1)</script>', manifests: [{ name: 'x.yaml', text: '<b>not html</b>' }] };
    expect(decodeScenario(encodeScenario(withMarkup))).toEqual(withMarkup);
  });
});

describe('.kubesim.json files', () => {
  it('round-trips and is readable', () => {
    const text = exportScenarioFile(scenario);
    expect(text.startsWith('{\n  "version": 1,\n  "title": "pi",\n')).toBe(true);
    expect(importScenarioFile(text)).toEqual(scenario);
    expect(importScenarioFile(`\uFEFF${text}`)).toEqual(scenario);
  });

  it('rejects files that are too large, not JSON, or not scenarios', () => {
    expect(shareErrorOf(() => importScenarioFile(' '.repeat(SHARE_LIMITS.fileChars + 1)))).toBe('the file is too large (4096 KB; at most 4 MB)');
    expect(shareErrorOf(() => importScenarioFile('apiVersion: v1'))).toMatch(/^the file is not valid JSON \(/);
    expect(() => importScenarioFile('{"version":1,"seed":"x","timeline":[{"atMs":0,"command":"sim reset"}]}')).toThrow(
      'timeline[0].command: "sim reset" starts a new scenario and cannot appear in a timeline',
    );
  });
});
