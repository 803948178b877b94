/**
 * batch/v1 CronJob: defaults (pkg/apis/batch/v1/defaults.go SetDefaults_CronJob) and validation
 * (pkg/apis/batch/validation/validation.go ValidateCronJobCreate / ValidateCronJobUpdate), in our words.
 *
 * The job template is validated as a Job spec without its selector (it is generated per Job) and
 * gets no Job defaults of its own: parallelism, completions and backoffLimit stay unset in the
 * CronJob and are defaulted on each Job it creates.
 */
import { type KindDef, registerKind } from '../kinds.ts';
import type { CronJob } from '../objects.ts';
import { type FieldError, invalid, notSupported, required } from '../fieldErrors.ts';
import { defaultPodSpec } from '../podSpec.ts';
import { validateNonNegative, validateObjectMeta } from '../validation.ts';
import { isValidTimeZone, parseSchedule } from '../cron.ts';
import { validateJobSpec } from './job.ts';

/** The controller appends `-<minutes since epoch>` (11 characters) and a Job name is at most 63. */
export const CRONJOB_NAME_MAX = 63 - 11;

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateScheduleFormat: robfig's parse error, and no `TZ=` / `CRON_TZ=` in new schedules. */
function validateScheduleFormat(schedule: string, allowTZ: boolean, timeZone: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const parsed = parseSchedule(schedule);
  if (parsed instanceof Error) errs.push(invalid('spec.schedule', schedule, parsed.message));
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** validateTimeZone: an IANA name (checked part by part, then loaded). */
function validateTimeZone(timeZone: string | undefined): FieldError[] {
  if (timeZone === undefined) return [];
  const path = 'spec.timeZone';
  if (timeZone === '') return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
  }
  if (timeZone.toLowerCase() === 'local') return [invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  if (!isValidTimeZone(timeZone)) return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
  return [];
}

function validateCronJobSpec(cj: CronJob, old: CronJob | undefined): FieldError[] {
  const spec = cj.spec!;
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else errs.push(...validateScheduleFormat(spec.schedule, old?.spec?.schedule.includes('TZ') ?? false, spec.timeZone));
  errs.push(...validateNonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  if (!old || old.spec?.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone));
  if (!spec.concurrencyPolicy) errs.push(required('spec.concurrencyPolicy'));
  else if (!CONCURRENCY_POLICIES.includes(spec.concurrencyPolicy)) errs.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY_POLICIES));
  const jobSpec = spec.jobTemplate?.spec ?? { template: {} };
  errs.push(...validateJobSpec(jobSpec, 'spec.jobTemplate.spec'));
  if (jobSpec.selector) errs.push(invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  errs.push(...validateNonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  errs.push(...validateNonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  return errs;
}

export const cronJobKind: KindDef<CronJob> = {
  kind: 'CronJob',
  apiVersion: 'batch/v1',
  group: 'batch',
  version: 'v1',
  plural: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: true,
  nameRule: 'subdomain',
  defaults(cj) {
    const spec = (cj.spec ??= { schedule: '', jobTemplate: {} });
    spec.concurrencyPolicy ??= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    spec.jobTemplate ??= {};
    spec.jobTemplate.spec ??= { template: {} };
    spec.jobTemplate.spec.template ??= {};
    spec.jobTemplate.spec.template.spec ??= { containers: [] };
    defaultPodSpec(spec.jobTemplate.spec.template.spec);
  },
  prepareForCreate(cj) {
    cj.status = {};
  },
  validate(cj, ctx) {
    // The API server runs this on updates too; ValidateCronJobUpdate's rules live in validateUpdate.
    const existing = ctx.get('CronJob', cj.metadata.namespace, cj.metadata.name);
    if (existing?.metadata.uid === cj.metadata.uid) return [];
    const errs = [...validateObjectMeta(cj.metadata, 'subdomain'), ...validateCronJobSpec(cj, undefined)];
    // The controller appends `-<minutes since epoch>`; the limit is checked on create only.
    if (cj.metadata.name.length > CRONJOB_NAME_MAX) errs.push(invalid('metadata.name', cj.metadata.name, `must be no more than ${CRONJOB_NAME_MAX} characters`));
    return errs;
  },
  validateUpdate(cj, old) {
    return [...validateObjectMeta(cj.metadata, 'subdomain'), ...validateCronJobSpec(cj, old)];
  },
};

registerKind(cronJobKind);
