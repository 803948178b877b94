/**
 * batch/v1 Job: defaults (pkg/apis/batch/v1/defaults.go SetDefaults_Job), the registry strategy's
 * selector and label generation (pkg/registry/batch/job/strategy.go) and validation
 * (pkg/apis/batch/validation/validation.go ValidateJob / ValidateJobSpecUpdate), in our words.
 *
 * Notes on faithfulness:
 * - The pod template's restartPolicy is defaulted to `Always` before validation, so a missing and
 *   an `Always` policy both read `Required value: valid values: "OnFailure", "Never"`, as upstream.
 * - The Job's own labels are the template's labels when it has none (defaulting runs again on every
 *   read upstream, so the generated controller-uid / job-name labels show up on the Job too).
 */
import type { JobSpec } from 'kubernetes-types/batch/v1';
import { type KindDef, registerKind } from '../kinds.ts';
import type { Job } from '../objects.ts';
import { type FieldError, duplicate, invalid, invalidOmitValue, notSupported, required, tooMany } from '../fieldErrors.ts';
import { defaultPodSpec } from '../podSpec.ts';
import { isDns1123Label, validateNonNegative, validateObjectMeta } from '../validation.ts';
import { validateTemplate } from './workloads.ts';
import { fromLabelSelector, matches, validateLabelKey } from '../labels.ts';

export const MAX_INT32 = 2147483647;

export const JOB_LABELS = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyControllerUid: 'controller-uid',
  legacyJobName: 'job-name',
  completionIndex: 'batch.kubernetes.io/job-completion-index',
} as const;

export const JOB_ANNOTATIONS = {
  completionIndex: 'batch.kubernetes.io/job-completion-index',
  indexFailureCount: 'batch.kubernetes.io/job-index-failure-count',
  indexIgnoredFailureCount: 'batch.kubernetes.io/job-index-ignored-failure-count',
  cronJobScheduledTimestamp: 'batch.kubernetes.io/cronjob-scheduled-timestamp',
} as const;

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** spec.managedBy value (or absence) that means "the built-in Job controller". */
export const JOB_CONTROLLER_MANAGER = 'kubernetes.io/job-controller';

const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_EXIT_CODE_VALUES = 255;
const MAX_POD_CONDITION_PATTERNS = 20;
const MAX_SUCCESS_POLICY_RULES = 20;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const POD_FAILURE_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

// ---- defaulting ----

/** SetDefaults_Job's spec part (a CronJob's job template gets no Job defaults: it is not a Job). */
export function defaultJobSpec(job: Pick<Job, 'spec'>): void {
  const spec = (job.spec ??= { template: {} });
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const c of rule.onPodConditions ?? []) c.status ||= 'True';
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.template ??= {};
  spec.template.spec ??= { containers: [] };
  defaultPodSpec(spec.template.spec);
}

/** A Job without labels shows its template's labels. */
function defaultJobLabels(job: Job): void {
  const labels = job.spec?.template?.metadata?.labels;
  if (labels && Object.keys(labels).length > 0 && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...labels };
}

/** generateSelector: the template gets job-name and controller-uid labels (legacy and prefixed), the selector the uid. */
function generateSelector(job: Job): void {
  const spec = job.spec!;
  const labels = { ...(spec.template.metadata?.labels ?? {}) };
  for (const key of [JOB_LABELS.legacyJobName, JOB_LABELS.jobName]) labels[key] ??= job.metadata.name;
  for (const key of [JOB_LABELS.legacyControllerUid, JOB_LABELS.controllerUid]) labels[key] ??= job.metadata.uid;
  spec.template.metadata = { ...(spec.template.metadata ?? {}), labels };
  spec.selector ??= {};
  spec.selector.matchLabels = { ...(spec.selector.matchLabels ?? {}) };
  spec.selector.matchLabels[JOB_LABELS.controllerUid] ??= job.metadata.uid;
}

// ---- validation ----

/** validateGeneratedSelector: an auto-generated selector must still select the generated labels. */
function validateGeneratedSelector(job: Job): FieldError[] {
  const spec = job.spec!;
  if (spec.manualSelector === true || !spec.selector) return [];
  const errs: FieldError[] = [];
  const labels = spec.template?.metadata?.labels ?? {};
  const expected: Record<string, string> = {
    [JOB_LABELS.legacyControllerUid]: job.metadata.uid,
    [JOB_LABELS.legacyJobName]: job.metadata.name,
    [JOB_LABELS.controllerUid]: job.metadata.uid,
    [JOB_LABELS.jobName]: job.metadata.name,
  };
  for (const [key, value] of Object.entries(expected)) {
    const path = `spec.template.metadata.labels[${key}]`;
    if (!(key in labels)) errs.push(required(path, value));
    else if (labels[key] !== value) errs.push(invalid(path, labels, `must be '${value}'`));
  }
  const sel = fromLabelSelector(spec.selector);
  if (!(sel instanceof Error) && !matches(sel, expected)) errs.push(invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
  return errs;
}

/** ValidateJobSpec: validateJobSpec plus the selector and its match with the template labels. */
function validateJobSpecWithSelector(spec: JobSpec): FieldError[] {
  const errs = validateJobSpec(spec, 'spec');
  if (!spec.selector) {
    errs.push(required('spec.selector'));
    return errs;
  }
  const sel = fromLabelSelector(spec.selector);
  if (sel instanceof Error) errs.push(invalid('spec.selector', spec.selector, sel.message));
  else if (!matches(sel, spec.template?.metadata?.labels)) {
    errs.push(invalid('spec.template.metadata.labels', spec.template?.metadata?.labels ?? {}, '`selector` does not match template `labels`'));
  }
  return errs;
}

/** validateJobSpec (shared with a CronJob's job template, hence the path prefix). */
export function validateJobSpec(spec: JobSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'] as const) {
    errs.push(...validateNonNegative(spec[f], `${path}.${f}`));
  }
  if (spec.maxFailedIndexes !== undefined && spec.backoffLimitPerIndex === undefined) {
    errs.push(required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined) errs.push(...validateManagedBy(spec.managedBy, `${path}.managedBy`));
  const indexed = spec.completionMode === 'Indexed';
  if (spec.completionMode !== undefined && spec.completionMode !== 'NonIndexed' && !indexed) {
    errs.push(notSupported(`${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
  }
  if (indexed) errs.push(...validateIndexedLimits(spec, path));
  else {
    if (spec.backoffLimitPerIndex !== undefined) errs.push(invalid(`${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) errs.push(invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podFailurePolicy) errs.push(...validatePodFailurePolicy(spec, `${path}.podFailurePolicy`));
  if (spec.successPolicy) {
    if (!indexed) errs.push(invalid(`${path}.successPolicy`, spec.successPolicy, 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, `${path}.successPolicy`));
  }
  if (spec.podReplacementPolicy !== undefined) {
    const allowed = spec.podFailurePolicy ? ['Failed'] : REPLACEMENT_POLICIES;
    if (!allowed.includes(spec.podReplacementPolicy)) errs.push(notSupported(`${path}.podReplacementPolicy`, spec.podReplacementPolicy, allowed));
  }
  errs.push(...validateTemplate(spec.template, `${path}.template`));
  const restart = spec.template?.spec?.restartPolicy;
  const restartPath = `${path}.template.spec.restartPolicy`;
  if (restart === 'Always' || !restart) errs.push(required(restartPath, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') errs.push(notSupported(restartPath, restart, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restart !== 'Never') errs.push(invalid(restartPath, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

function validateIndexedLimits(spec: JobSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.completions === undefined) errs.push(required(`${path}.completions`, 'when completion mode is Indexed'));
  if (spec.parallelism !== undefined && spec.parallelism > MAX_PARALLELISM_INDEXED) {
    errs.push(invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
  }
  if (spec.completions !== undefined && spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > spec.completions) {
    errs.push(invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'must be less than or equal to completions'));
  }
  if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > MAX_FAILED_INDEXES) {
    errs.push(invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
  }
  if (spec.completions !== undefined && spec.completions > COMPLETIONS_SOFT_LIMIT && spec.backoffLimitPerIndex !== undefined) {
    const why = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (spec.maxFailedIndexes === undefined) errs.push(required(`${path}.maxFailedIndexes`, `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    if (spec.parallelism !== undefined && spec.parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
      errs.push(invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${why}`));
    }
    if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
      errs.push(invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${why}`));
    }
  }
  return errs;
}

function validateManagedBy(value: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const slash = value.indexOf('/');
  if (slash <= 0) errs.push(invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  if (value.length > 63) errs.push({ type: 'TooLong', field: path, detail: 'may not be more than 63 bytes' });
  return errs;
}

function validatePodFailurePolicy(spec: JobSpec, path: string): FieldError[] {
  const rules = spec.podFailurePolicy!.rules ?? [];
  const errs: FieldError[] = [];
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(`${path}.rules`, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const containerNames = new Set([...(spec.template?.spec?.containers ?? []), ...(spec.template?.spec?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((rule, i) => {
    const rulePath = `${path}.rules[${i}]`;
    if (!rule.action) errs.push(required(`${rulePath}.action`, `valid values: [${POD_FAILURE_ACTIONS.map((a) => JSON.stringify(a)).join(' ')}]`));
    else if (rule.action === 'FailIndex') {
      if (spec.backoffLimitPerIndex === undefined) errs.push(invalid(`${rulePath}.action`, rule.action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!POD_FAILURE_ACTIONS.includes(rule.action)) errs.push(notSupported(`${rulePath}.action`, rule.action, POD_FAILURE_ACTIONS));
    const conditions = rule.onPodConditions ?? [];
    if (rule.onExitCodes) errs.push(...validateOnExitCodes(rule.onExitCodes, `${rulePath}.onExitCodes`, containerNames));
    if (conditions.length > MAX_POD_CONDITION_PATTERNS) errs.push(tooMany(`${rulePath}.onPodConditions`, conditions.length, MAX_POD_CONDITION_PATTERNS));
    conditions.forEach((c, j) => {
      const p = `${rulePath}.onPodConditions[${j}]`;
      const keyErr = validateLabelKey(c.type ?? '');
      if (keyErr) errs.push(invalid(`${p}.type`, c.type ?? '', keyErr));
      if (!c.status) errs.push(required(`${p}.status`, `valid values: [${CONDITION_STATUSES.map((s) => JSON.stringify(s)).join(' ')}]`));
      else if (!CONDITION_STATUSES.includes(c.status)) errs.push(notSupported(`${p}.status`, c.status, CONDITION_STATUSES));
    });
    if (rule.onExitCodes && conditions.length > 0) errs.push(invalidOmitValue(rulePath, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!rule.onExitCodes && conditions.length === 0) errs.push(invalidOmitValue(rulePath, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

function validateOnExitCodes(req: NonNullable<NonNullable<JobSpec['podFailurePolicy']>['rules'][number]['onExitCodes']>, path: string, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  if (!req.operator) errs.push(required(`${path}.operator`, `valid values: [${EXIT_CODE_OPERATORS.map((o) => JSON.stringify(o)).join(' ')}]`));
  else if (!EXIT_CODE_OPERATORS.includes(req.operator)) errs.push(notSupported(`${path}.operator`, req.operator, EXIT_CODE_OPERATORS));
  if (req.containerName !== undefined && !containerNames.has(req.containerName)) {
    errs.push(invalid(`${path}.containerName`, req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  if (values.length === 0) errs.push(invalid(`${path}.values`, values, 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODE_VALUES) errs.push(tooMany(`${path}.values`, values.length, MAX_EXIT_CODE_VALUES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (req.operator === 'In' && v === 0) errs.push(invalid(`${path}.values[${j}]`, v, 'must not be 0 for the In operator'));
    if (seen.has(v)) errs.push(duplicate(`${path}.values[${j}]`, v));
    seen.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) errs.push(invalid(`${path}.values`, values, 'must be ordered'));
  return errs;
}

function validateSuccessPolicy(spec: JobSpec, path: string): FieldError[] {
  const rules = spec.successPolicy!.rules ?? [];
  const errs: FieldError[] = [];
  if (rules.length === 0) errs.push(required(`${path}.rules`, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(`${path}.rules`, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = spec.completions ?? 0;
  rules.forEach((rule, i) => {
    const rulePath = `${path}.rules[${i}]`;
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) {
      errs.push(required(rulePath, 'at least one of succeededCount or succeededIndexes must be specified'));
    }
    let total = 0;
    if (rule.succeededIndexes !== undefined) {
      const p = `${rulePath}.succeededIndexes`;
      if (rule.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push({ type: 'TooLong', field: p, detail: `may not be more than ${MAX_SUCCEEDED_INDEXES_LENGTH} bytes` });
      const parsed = validateIndexesFormat(rule.succeededIndexes, completions);
      if (parsed instanceof Error) errs.push(invalid(p, rule.succeededIndexes, `error parsing succeededIndexes: ${parsed.message}`));
      else total = parsed;
    }
    if (rule.succeededCount !== undefined) {
      const p = `${rulePath}.succeededCount`;
      errs.push(...validateNonNegative(rule.succeededCount, p));
      if (rule.succeededCount > completions) errs.push(invalid(p, rule.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (rule.succeededIndexes !== undefined && rule.succeededCount > total) {
        errs.push(invalid(p, rule.succeededCount, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}

/** validateIndexesFormat: `0,2-4` style, increasing, below completions. Returns how many indexes it names. */
export function validateIndexesFormat(text: string, completions: number): number | Error {
  if (text === '') return 0;
  let last: number | undefined;
  let total = 0;
  const parse = (s: string) => (/^[+-]?\d+$/.test(s) ? parseInt(s, 10) : Number.NaN);
  for (const part of text.split(',')) {
    const limits = part.split('-');
    if (limits.length > 2) return new Error(`the fragment "${part}" violates the requirement that an index interval can have at most two parts separated by '-'`);
    const x = parse(limits[0]!);
    if (Number.isNaN(x)) return new Error(`cannot convert string to integer for index: "${limits[0]}"`);
    if (x >= completions) return new Error(`too large index: "${limits[0]}"`);
    if (last !== undefined && last >= x) return new Error(`non-increasing order, previous: ${last}, current: ${x}`);
    total++;
    last = x;
    if (limits.length > 1) {
      const y = parse(limits[1]!);
      if (Number.isNaN(y)) return new Error(`cannot convert string to integer for index: "${limits[1]}"`);
      if (y >= completions) return new Error(`too large index: "${limits[1]}"`);
      if (last >= y) return new Error(`non-increasing order, previous: ${last}, current: ${y}`);
      total += y - x;
      last = y;
    }
  }
  return total;
}

// ---- update validation ----

const immutable = (field: string, value: unknown): FieldError => invalid(field, value ?? null, 'field is immutable');
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * ValidateJobSpecUpdate: selector, template (scheduling directives stay mutable while a Job is
 * suspended and never started), completionMode, podFailurePolicy, backoffLimitPerIndex, managedBy
 * and successPolicy are immutable; completions too, except for Indexed Jobs scaled in tandem with
 * parallelism (elastic Indexed Jobs).
 */
function validateJobUpdate(job: Job, old: Job): FieldError[] {
  const a = job.spec!;
  const b = old.spec!;
  const errs: FieldError[] = [];
  if (!same(a.completions, b.completions)) {
    if (a.completionMode !== 'Indexed') errs.push(immutable('spec.completions', a.completions));
    else if (a.completions !== undefined && a.completions !== a.parallelism) {
      errs.push(invalid('spec.completions', a.completions, 'can only be modified in tandem with spec.parallelism'));
    }
  }
  if (!same(a.selector, b.selector)) errs.push(immutable('spec.selector', a.selector));
  const mutableDirectives = b.suspend === true && !old.status?.startTime;
  if (!same(comparableTemplate(a, mutableDirectives), comparableTemplate(b, mutableDirectives))) errs.push(immutable('spec.template', a.template));
  if (!same(a.completionMode, b.completionMode)) errs.push(immutable('spec.completionMode', a.completionMode));
  if (!same(a.podFailurePolicy, b.podFailurePolicy)) errs.push(immutable('spec.podFailurePolicy', a.podFailurePolicy));
  if (!same(a.backoffLimitPerIndex, b.backoffLimitPerIndex)) errs.push(immutable('spec.backoffLimitPerIndex', a.backoffLimitPerIndex));
  if (!same(a.managedBy, b.managedBy)) errs.push(immutable('spec.managedBy', a.managedBy));
  if (!same(a.successPolicy, b.successPolicy)) errs.push(immutable('spec.successPolicy', a.successPolicy));
  return errs;
}

/** The template minus what may change (labels, annotations, node selector, affinity, tolerations, gates) when allowed. */
function comparableTemplate(spec: JobSpec, withoutSchedulingDirectives: boolean): unknown {
  if (!withoutSchedulingDirectives) return spec.template;
  const { metadata, spec: podSpec } = spec.template ?? {};
  const { labels: _l, annotations: _a, ...meta } = metadata ?? {};
  const { nodeSelector: _n, tolerations: _t, schedulingGates: _g, affinity, ...rest } = podSpec ?? { containers: [] };
  const { nodeAffinity: _na, ...otherAffinity } = affinity ?? {};
  return { meta, rest, affinity: Object.keys(otherAffinity).length > 0 ? otherAffinity : undefined };
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
  nameRule: 'subdomain',
  defaults(job) {
    defaultJobSpec(job);
    defaultJobLabels(job);
  },
  prepareForCreate(job) {
    job.status = {};
    if (job.spec!.manualSelector !== true) generateSelector(job);
    defaultJobLabels(job);
  },
  validate(job) {
    const errs = validateObjectMeta(job.metadata, 'subdomain');
    errs.push(...validateGeneratedSelector(job));
    errs.push(...validateJobSpecWithSelector(job.spec!));
    const spec = job.spec!;
    if (spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions > 0) {
      const hostname = `${job.metadata.name}-${spec.completions - 1}`;
      if (isDns1123Label(hostname)) errs.push(invalid('metadata.name', job.metadata.name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
    return errs;
  },
  validateUpdate: validateJobUpdate,
};

registerKind(jobKind);
