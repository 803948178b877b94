/**
 * The lessons, in order: one per topic of the seeds. The UI lists them at `#/learn` and opens one at
 * `#/learn/<id>`; each is data plus pure checks (see `lesson.ts`), tested headlessly by
 * `NN-*.test.ts` through the script runner.
 */
import { firstJob } from './01-first-job.ts';
import { parallelCompletions } from './02-parallel-completions.ts';
import { backoffLimit } from './03-backoff-limit.ts';
import { activeDeadline } from './04-active-deadline.ts';
import { ttlAfterFinished } from './05-ttl-after-finished.ts';
import { cascadingDelete } from './06-cascading-delete.ts';
import { restartPolicy } from './07-restart-policy.ts';
import { cronJobLesson } from './08-cronjob.ts';
import { workQueueCoarse } from './09-work-queue-coarse.ts';
import { workQueueFine } from './10-work-queue-fine.ts';
import { indexedJob } from './11-indexed-job.ts';
import { podToPod } from './12-pod-to-pod.ts';
import { jobTemplates } from './13-job-templates.ts';
import { podFailurePolicy } from './14-pod-failure-policy.ts';
import { livenessProbes } from './15-liveness-probes.ts';
import { deploymentLesson } from './16-deployment.ts';
import { daemonSetLesson } from './17-daemonset.ts';
import { nodeFailure } from './18-node-failure.ts';
import type { Lesson } from './lesson.ts';

export const LESSONS: readonly Lesson[] = [
  firstJob,
  parallelCompletions,
  backoffLimit,
  activeDeadline,
  ttlAfterFinished,
  cascadingDelete,
  restartPolicy,
  cronJobLesson,
  workQueueCoarse,
  workQueueFine,
  indexedJob,
  podToPod,
  jobTemplates,
  podFailurePolicy,
  livenessProbes,
  deploymentLesson,
  daemonSetLesson,
  nodeFailure,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export * from './lesson.ts';
export { resolveCommand, placeholders } from './checks.ts';
