import { describe, expect, it } from 'vitest';
import { formatTime, humanDuration, parseDuration, parseTime, utcMs, formatUnixDate, formatGoDuration } from './time.ts';

describe('time', () => {
  it('round-trips RFC 3339', () => {
    const ms = utcMs(2024, 2, 29, 23, 59, 58);
    expect(formatTime(ms)).toBe('2024-02-29T23:59:58Z');
    expect(parseTime('2024-02-29T23:59:58Z')).toBe(ms);
    expect(parseTime('2024-03-01T01:59:58+02:00')).toBe(ms);
  });

  it.each([
    [0, '0s'],
    [59_000, '59s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [446_000, '7m26s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3600_000, '3h'],
    [(7 * 60 + 59) * 60_000, '7h59m'],
    [47 * 3600_000, '47h'],
    [(2 * 24 + 3) * 3600_000, '2d3h'],
    [8 * 24 * 3600_000, '8d'],
    [(3 * 365 + 100) * 24 * 3600_000, '3y100d'],
  ])('humanDuration(%i) = %s', (ms, text) => expect(humanDuration(ms)).toBe(text));

  it('parses Go durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('abc')).toBeUndefined();
    expect(formatGoDuration(1714)).toBe('1.714s');
    expect(formatGoDuration(90_000)).toBe('1m30s');
  });

  it('formats busybox date', () => {
    expect(formatUnixDate(utcMs(2025, 1, 1, 0, 0, 5))).toBe('Wed Jan  1 00:00:05 UTC 2025');
  });
});
