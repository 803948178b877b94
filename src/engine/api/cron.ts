/**
 * Cron schedules as the CronJob controller reads them (robfig/cron v3 standard parser: five fields,
 * `@hourly`-style descriptors, `@every <duration>`), evaluated with croner in the CronJob's time zone.
 *
 * Note on determinism: croner works on `Date` values. Here they are only calendar values built from
 * virtual milliseconds we pass in — the wall clock is never read — so results are reproducible.
 */
/* eslint-disable no-restricted-globals -- Date is used as a pure calendar value for croner, never as a clock. */
import { Cron } from 'croner';
import { parseDuration } from './time.ts';

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

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Parse a schedule; an Error carries robfig-style text (`expected exactly 5 fields, found 1: [foo]`). */
export function parseSchedule(schedule: string, timeZone?: string): Schedule | Error {
  const text = schedule.trim();
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
  if (/(^|\s)(TZ|CRON_TZ)=/.test(schedule)) {
    return { field: 'spec.schedule', value: schedule, detail: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' };
  }
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) return { field: 'spec.timeZone', value: timeZone, detail: `unknown time zone ${timeZone}` };
  const parsed = parseSchedule(schedule, timeZone);
  if (parsed instanceof Error) return { field: 'spec.schedule', value: schedule, detail: parsed.message };
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
