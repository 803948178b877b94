/**
 * Cron schedules as the CronJob controller reads them: robfig/cron v3's standard parser (five
 * fields `minute hour day-of-month month day-of-week`, `*` / `?`, lists, ranges, steps, month and
 * weekday names, `@hourly`-style descriptors and `@every <duration>`), evaluated with croner in the
 * CronJob's time zone (UTC when unset, the usual kube-controller-manager zone).
 *
 * croner does the parsing and the calendar arithmetic. Before handing a pattern over, each field is
 * checked against robfig's bounds so invalid schedules are rejected with robfig's wording
 * (`end of range (61) above maximum (59): 61`), which is what the API server prints.
 *
 * Note on determinism: croner works on `Date` values. Here they are only calendar values built from
 * virtual milliseconds we pass in — the wall clock is never read — so results are reproducible.
 */
/* eslint-disable no-restricted-globals -- Date is used as a pure calendar value for croner, never as a clock. */
import { Cron } from 'croner';
import { formatTime, parseDuration } from './time.ts';

export interface Schedule {
  /** The first scheduled time strictly after `afterMs`, or undefined if it never fires again. */
  next(afterMs: number): number | undefined;
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface Bounds {
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: WEEKDAYS },
];

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** strconv.Atoi as robfig's mustParseInt uses it (with its error wording). */
function parseNumber(text: string): number | Error {
  if (!/^[+-]?\d+$/.test(text)) return new Error(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = parseInt(text, 10);
  if (n < 0) return new Error(`negative number (${n}) not allowed: ${text}`);
  return n;
}

function parseValue(text: string, b: Bounds): number | Error {
  const named = b.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (b.names === MONTHS ? 1 : 0);
  return parseNumber(text);
}

/** robfig's getRange checks for one comma-separated part of a field. */
function checkRange(expr: string, b: Bounds): Error | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    const s = parseValue(lowAndHigh[0]!, b);
    if (s instanceof Error) return s;
    start = end = s;
    if (lowAndHigh.length === 2) {
      const e = parseValue(lowAndHigh[1]!, b);
      if (e instanceof Error) return e;
      end = e;
    } else if (lowAndHigh.length > 2) return new Error(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const s = parseNumber(rangeAndStep[1]!);
    if (s instanceof Error) return s;
    step = s;
    if (lowAndHigh.length === 1) end = b.max; // `N/step` means `N-max/step`
  } else if (rangeAndStep.length > 2) return new Error(`too many slashes: ${expr}`);
  if (start < b.min) return new Error(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) return new Error(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) return new Error(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) return new Error(`step of range should be a positive number: ${expr}`);
  return undefined;
}

const parsedSchedules = new Map<string, Schedule | Error>();
const MAX_CACHED = 256;

/**
 * Parse a schedule; an Error carries robfig's text (`expected exactly 5 fields, found 1: [foo]`).
 * Parsed schedules are cached, and each remembers its recent `next` answers: a CronJob sync asks
 * for the same few times again and again, and croner's search is the controller's hottest path.
 */
export function parseSchedule(schedule: string, timeZone?: string): Schedule | Error {
  const key = `${timeZone ?? ''}\u0000${schedule}`;
  let parsed = parsedSchedules.get(key);
  if (parsed === undefined) {
    parsed = memoized(parseUncached(schedule, timeZone));
    if (parsedSchedules.size >= MAX_CACHED) parsedSchedules.clear();
    parsedSchedules.set(key, parsed);
  }
  return parsed;
}

function memoized(schedule: Schedule | Error): Schedule | Error {
  if (schedule instanceof Error) return schedule;
  const answers = new Map<number, number | undefined>();
  return {
    next(afterMs) {
      if (answers.has(afterMs)) return answers.get(afterMs);
      const n = schedule.next(afterMs);
      if (answers.size >= MAX_CACHED) answers.clear();
      answers.set(afterMs, n);
      return n;
    },
  };
}

function parseUncached(schedule: string, timeZone?: string): Schedule | Error {
  let text = schedule.trim();
  if (text === '') return new Error('empty spec string');
  // A legacy `TZ=<zone> ` / `CRON_TZ=<zone> ` prefix names the zone (rejected for new CronJobs by validation).
  const tz = /^(?:CRON_)?TZ=(\S*)\s*/.exec(text);
  if (tz) {
    if (!isValidTimeZone(tz[1]!)) return new Error(`provided bad location ${tz[1]}: unknown time zone ${tz[1]}`);
    timeZone = tz[1]!;
    text = text.slice(tz[0].length);
  }
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) return new Error(`unknown time zone ${timeZone}`);
  if (text.startsWith('@every ')) {
    const every = parseDuration(text.slice(7));
    if (every === undefined || every <= 0) return new Error(`failed to parse duration ${text}: time: invalid duration "${text.slice(7)}"`);
    const period = Math.max(1000, Math.floor(every / 1000) * 1000);
    return { next: (after) => after - (after % 1000) + period };
  }
  let pattern = text;
  if (text.startsWith('@')) {
    const d = DESCRIPTORS[text];
    if (!d) return new Error(`unrecognized descriptor: ${text}`);
    pattern = d;
  }
  const fields = pattern.split(/\s+/);
  if (fields.length !== 5) return new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i]!.split(',')) {
      const err = checkRange(part, FIELDS[i]!);
      if (err) return err;
    }
  }
  let cron: Cron;
  try {
    cron = new Cron(pattern, { paused: true, mode: '5-part', timezone: timeZone ?? 'UTC', legacyMode: true });
  } catch (e) {
    return new Error(String((e as Error).message).replace(/^CronPattern: /, ''));
  }
  return {
    next(afterMs) {
      const d = cron.nextRun(new Date(afterMs));
      return d ? d.getTime() : undefined;
    },
  };
}

/** The validation error for a CronJob's schedule/timeZone, if any. */
export function validateSchedule(schedule: string, timeZone: string | undefined): { field: string; value: string; detail: string } | undefined {
  const parsed = parseSchedule(schedule);
  if (parsed instanceof Error) return { field: 'spec.schedule', value: schedule, detail: parsed.message };
  if (schedule.includes('TZ')) return { field: 'spec.schedule', value: schedule, detail: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' };
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) return { field: 'spec.timeZone', value: timeZone, detail: `unknown time zone ${timeZone}` };
  return undefined;
}

/** The next `count` run times after `afterMs` (for the editor's lint and `describe cronjob`). */
export function nextRuns(schedule: Schedule, afterMs: number, count: number): number[] {
  const out: number[] = [];
  let t = afterMs;
  for (let i = 0; i < count; i++) {
    const n = schedule.next(t);
    if (n === undefined) break;
    out.push(n);
    t = n;
  }
  return out;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Go's `t.In(zone).Format(time.RFC3339)`: `2025-01-01T08:00:00+08:00`, or `...Z` in UTC. */
export function formatRFC3339InZone(ms: number, timeZone: string | undefined): string {
  if (timeZone === undefined || timeZone === 'UTC') return formatTime(ms);
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    zoneFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const local = Date.UTC(+get('year'), +get('month') - 1, +get('day'), +get('hour'), +get('minute'), +get('second'));
  const offsetMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const offset = offsetMin === 0 ? 'Z' : `${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${offset}`;
}
