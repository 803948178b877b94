/** batch/v1 CronJob: defaults and validation (pkg/apis/batch/v1/defaults.go, pkg/apis/batch/validation). */
import { type KindDef, registerKind } from '../kinds.ts';
import type { CronJob } from '../objects.ts';
import { type FieldError, invalid, notSupported, required } from '../fieldErrors.ts';
import { defaultPodSpec } from '../podSpec.ts';
import { validateNonNegative, validateObjectMeta } from '../validation.ts';
import { validateTemplate } from './workloads.ts';
import { validateSchedule } from '../cron.ts';

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
  validate(cj) {
    const errs: FieldError[] = validateObjectMeta(cj.metadata, 'subdomain');
    if (cj.metadata.name && cj.metadata.name.length > 52) errs.push(invalid('metadata.name', cj.metadata.name, 'must be no more than 52 characters'));
    const spec = cj.spec!;
    if (!spec.schedule) errs.push(required('spec.schedule'));
    else {
      const msg = validateSchedule(spec.schedule, spec.timeZone);
      if (msg) errs.push(invalid(msg.field, msg.value, msg.detail));
    }
    if (spec.concurrencyPolicy && !['Allow', 'Forbid', 'Replace'].includes(spec.concurrencyPolicy)) {
      errs.push(notSupported('spec.concurrencyPolicy', spec.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']));
    }
    errs.push(...validateNonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
    errs.push(...validateNonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
    errs.push(...validateNonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
    const jobSpec = spec.jobTemplate?.spec;
    if (jobSpec?.selector) errs.push(invalid('spec.jobTemplate.spec.selector', jobSpec.selector, '`selector` will be auto-generated'));
    const restart = jobSpec?.template?.spec?.restartPolicy;
    if (restart !== 'OnFailure' && restart !== 'Never') {
      errs.push(restart ? notSupported('spec.jobTemplate.spec.template.spec.restartPolicy', restart, ['OnFailure', 'Never']) : required('spec.jobTemplate.spec.template.spec.restartPolicy'));
    }
    errs.push(...validateTemplate(jobSpec?.template, 'spec.jobTemplate.spec.template'));
    return errs;
  },
};

registerKind(cronJobKind);
