/**
 * batch/v1 Job: defaults (pkg/apis/batch/v1/defaults.go), the registry strategy's selector and label
 * generation (pkg/registry/batch/job/strategy.go) and validation (pkg/apis/batch/validation).
 */
import { type KindDef, registerKind } from '../kinds.ts';
import type { Job } from '../objects.ts';
import { type FieldError, forbidden, invalid, notSupported, required } from '../fieldErrors.ts';
import { defaultPodSpec } from '../podSpec.ts';
import { validateNonNegative, validateObjectMeta } from '../validation.ts';
import { validateSelectorAndTemplate, validateTemplate } from './workloads.ts';
import { fromLabelSelector, matches } from '../labels.ts';

export const MAX_INT32 = 2147483647;

export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
  completionIndex: 'batch.kubernetes.io/job-completion-index',
} as const;

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';

/** SetDefaults_Job, also used for a CronJob's job template once the Job is created from it. */
export function defaultJobSpec(job: Pick<Job, 'spec'>): void {
  const spec = (job.spec ??= { template: {} });
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.completionMode ??= 'NonIndexed';
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const c of rule.onPodConditions ?? []) c.status ??= 'True';
  spec.template ??= {};
  spec.template.spec ??= { containers: [] };
  defaultPodSpec(spec.template.spec);
}

function validateJobSpec(job: Job): FieldError[] {
  const spec = job.spec!;
  const errs: FieldError[] = [];
  errs.push(...validateNonNegative(spec.parallelism, 'spec.parallelism'));
  errs.push(...validateNonNegative(spec.completions, 'spec.completions'));
  errs.push(...validateNonNegative(spec.backoffLimit, 'spec.backoffLimit'));
  errs.push(...validateNonNegative(spec.ttlSecondsAfterFinished, 'spec.ttlSecondsAfterFinished'));
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds <= 0) errs.push(invalid('spec.activeDeadlineSeconds', spec.activeDeadlineSeconds, 'must be greater than 0'));
  if (spec.completionMode && !['NonIndexed', 'Indexed'].includes(spec.completionMode)) errs.push(notSupported('spec.completionMode', spec.completionMode, ['NonIndexed', 'Indexed']));
  if (spec.completionMode === 'Indexed') {
    if (spec.completions === undefined) errs.push(required('spec.completions', 'when completion mode is Indexed'));
  }
  const restart = spec.template?.spec?.restartPolicy;
  if (restart !== 'OnFailure' && restart !== 'Never') {
    errs.push(restart ? notSupported('spec.template.spec.restartPolicy', restart, ['OnFailure', 'Never']) : required('spec.template.spec.restartPolicy', 'valid values: "OnFailure", "Never"'));
  }
  if (spec.podFailurePolicy && restart !== 'Never') {
    errs.push(invalid('spec.podFailurePolicy', null, 'only allowed when restartPolicy is Never'.replace('null', '')));
  }
  if (spec.manualSelector === true) {
    errs.push(...validateSelectorAndTemplate(spec.selector, spec.template));
  } else {
    errs.push(...validateTemplate(spec.template, 'spec.template'));
    const sel = fromLabelSelector(spec.selector);
    if (!spec.selector) errs.push(required('spec.selector'));
    else if (!(sel instanceof Error) && sel && !matches(sel, spec.template?.metadata?.labels)) {
      errs.push(invalid('spec.template.metadata.labels', spec.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
    }
  }
  return errs;
}

export const jobKind: KindDef<Job> = {
  kind: 'Job',
  apiVersion: 'batch/v1',
  group: 'batch',
  version: 'v1',
  plural: 'jobs',
  singular: 'job',
  shortNames: [],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: true,
  defaultPropagation: 'Orphan',
  defaults(job) {
    defaultJobSpec(job);
  },
  prepareForCreate(job) {
    job.status = {};
    const spec = job.spec!;
    if (spec.manualSelector !== true) {
      // Generate the selector and the template labels it selects (the uid is already assigned).
      const uid = job.metadata.uid;
      const name = job.metadata.name;
      const labels = { ...(spec.template.metadata?.labels ?? {}) };
      labels[JOB_LABELS.controllerUid] ??= uid;
      labels[JOB_LABELS.jobName] ??= name;
      labels[JOB_LABELS.legacyControllerUid] ??= uid;
      labels[JOB_LABELS.legacyJobName] ??= name;
      spec.template.metadata = { ...(spec.template.metadata ?? {}), labels };
      if (!spec.selector) spec.selector = { matchLabels: { [JOB_LABELS.controllerUid]: uid } };
    }
  },
  validate(job) {
    const errs = validateObjectMeta(job.metadata, 'subdomain');
    if (job.spec?.manualSelector !== true && job.spec?.selector && !job.spec.selector.matchLabels?.[JOB_LABELS.controllerUid]) {
      errs.push(invalid('spec.selector', job.spec.selector, '`selector` not auto-generated'));
    }
    return [...errs, ...validateJobSpec(job)];
  },
  validateUpdate(job, old) {
    const errs: FieldError[] = [];
    const a = job.spec!;
    const b = old.spec!;
    const suspendedNeverStarted = b.suspend === true && !old.status?.startTime;
    if (JSON.stringify(a.selector) !== JSON.stringify(b.selector)) errs.push(invalid('spec.selector', a.selector, 'field is immutable'));
    if (a.completions !== b.completions && !(a.completionMode === 'Indexed' && a.completions === a.parallelism && b.completions === b.parallelism)) {
      errs.push(invalid('spec.completions', a.completions ?? null, 'field is immutable'));
    }
    if (a.completionMode !== b.completionMode) errs.push(invalid('spec.completionMode', a.completionMode, 'field is immutable'));
    if (JSON.stringify(a.podFailurePolicy) !== JSON.stringify(b.podFailurePolicy)) errs.push(invalid('spec.podFailurePolicy', '', 'field is immutable'));
    if (!suspendedNeverStarted && JSON.stringify(a.template) !== JSON.stringify(b.template)) {
      errs.push(invalid('spec.template', a.template, 'field is immutable'));
    }
    if (a.manualSelector !== b.manualSelector && b.manualSelector !== undefined) errs.push(forbidden('spec.manualSelector', 'field is immutable'));
    return errs;
  },
};

registerKind(jobKind);
