/**
 * kubectl output for Jobs and CronJobs: `get` columns (printJob / printCronJob in
 * pkg/printers/internalversion/printers.go) and `describe` (describeJob / describeCronJob in
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go), in our words.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { type CronJob, type Job, type KubeObject, age, controllerRef, formatDescribeTime, formatLabelSelector, humanDuration, parseTime } from '../../engine/index.ts';
import { registerTablePrinter } from './table.ts';
import { DescribeWriter, LEVEL_0, eventsFor, registerDescriber, writeAnnotations, writeEvents, writeLabels } from './describe.ts';
import { writePodTemplate } from './describePod.ts';

type JobConditionType = 'Complete' | 'Failed' | 'FailureTarget' | 'Suspended' | 'SuccessCriteriaMet';

/** hasJobCondition: the first condition of that type, and whether it is True. */
function hasCondition(job: Job, type: JobConditionType): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

/** The STATUS column: Complete > Failed > Terminating > Suspended > FailureTarget > Running. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** COMPLETIONS: `2/3`; a work queue shows `0/1 of 2` (parallelism > 1) or `0/1`. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** DURATION: start to completion, or to now while unfinished (a failed Job's keeps growing). */
export function jobDuration(job: Job, nowMs: number): string {
  const start = parseTime(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTime(job.status?.completionTime);
  return humanDuration((end ?? nowMs) - start);
}

function containerCells(containers: readonly Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

registerTablePrinter('Job', {
  columns: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj, ctx) {
    const job = obj as unknown as Job;
    return {
      cells: [job.metadata.name, jobStatus(job), jobCompletions(job), jobDuration(job, ctx.nowMs), age(job.metadata.creationTimestamp, ctx.nowMs)],
      wide: [...containerCells(job.spec?.template?.spec?.containers), formatLabelSelector(job.spec?.selector)],
    };
  },
});

const boolText = (v: boolean | undefined) => (v === undefined ? '<unset>' : v ? 'True' : 'False');

registerTablePrinter('CronJob', {
  columns: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wide: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  row(obj, ctx) {
    const cj = obj as unknown as CronJob;
    const last = cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, ctx.nowMs) : '<none>';
    return {
      cells: [cj.metadata.name, cj.spec?.schedule ?? '', cj.spec?.timeZone ?? '<none>', boolText(cj.spec?.suspend), String((cj.status?.active ?? []).length), last, age(cj.metadata.creationTimestamp, ctx.nowMs)],
      wide: [...containerCells(cj.spec?.jobTemplate?.spec?.template?.spec?.containers), formatLabelSelector(cj.spec?.jobTemplate?.spec?.selector)],
    };
  },
});

/** capIndexesListOrNone: long index lists are cut after ~50 characters, at a comma. */
export function capIndexes(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

/** The `Controlled By:` value: `Kind/name` of the controller owner. */
function controlledBy(obj: KubeObject): string | undefined {
  const ref = controllerRef(obj);
  return ref ? `${ref.kind}/${ref.name}` : undefined;
}

registerDescriber('Job', (obj, ctx) => {
  const job = obj as unknown as Job;
  const spec = job.spec ?? { template: {} };
  const status = job.status ?? {};
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector).replace(/^<none>$/, '') : ''}\n`);
  writeLabels(w, 'Labels', job.metadata.labels);
  writeAnnotations(w, 'Annotations', job.metadata.annotations);
  const owner = controlledBy(obj);
  if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
  if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  const start = parseTime(status.startTime);
  const done = parseTime(status.completionTime);
  if (start !== undefined) w.write(LEVEL_0, `Start Time:\t${formatDescribeTime(start)}\n`);
  if (done !== undefined) w.write(LEVEL_0, `Completed At:\t${formatDescribeTime(done)}\n`);
  if (start !== undefined && done !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(done - start)}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
  w.write(LEVEL_0, status.ready === undefined ? `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n` : `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`);
  if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(status.completedIndexes)}\n`);
  writePodTemplate(w, spec.template);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, obj), ctx.nowMs);
  return w.toString();
});

registerDescriber('CronJob', (obj, ctx) => {
  const cj = obj as unknown as CronJob;
  const spec = cj.spec ?? { schedule: '', jobTemplate: {} };
  const jobSpec = spec.jobTemplate?.spec ?? { template: {} };
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  writeLabels(w, 'Labels', cj.metadata.labels);
  writeAnnotations(w, 'Annotations', cj.metadata.annotations);
  w.write(LEVEL_0, `Schedule:\t${spec.schedule}\n`);
  w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(LEVEL_0, `Suspend:\t${boolText(spec.suspend)}\n`);
  w.write(LEVEL_0, `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Failed Job History Limit:\t${spec.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds !== undefined ? `${spec.startingDeadlineSeconds}s` : '<unset>'}\n`);
  w.write(LEVEL_0, `Selector:\t${jobSpec.selector ? formatLabelSelector(jobSpec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${jobSpec.parallelism ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${jobSpec.completions ?? '<unset>'}\n`);
  if (jobSpec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${jobSpec.activeDeadlineSeconds}s\n`);
  writePodTemplate(w, jobSpec.template);
  const last = parseTime(cj.status?.lastScheduleTime);
  w.write(LEVEL_0, `Last Schedule Time:\t${last !== undefined ? formatDescribeTime(last) : '<unset>'}\n`);
  const active = (cj.status?.active ?? []).map((r) => r.name).join(', ');
  w.write(LEVEL_0, `Active Jobs:\t${active || '<none>'}\n`);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, obj), ctx.nowMs);
  return w.toString();
});
