import { type JobObject, cronJob, eventsAbout, isComplete, jobs, logsOf, ownedBy, pods, podsOf, ran } from './checks.ts';
import type { ClusterView, Lesson } from './lesson.ts';
import { ECHO_CRONJOB_V1BETA1, HELLO_CRONJOB } from './manifests.ts';

/** The Jobs the hello CronJob created. */
function helloJobs(v: ClusterView): JobObject[] {
  const hello = cronJob(v, 'hello');
  return hello ? ownedBy<JobObject>(v, 'Job', hello) : [];
}

export const cronJobLesson: Lesson = {
  id: 'cronjob',
  number: 8,
  title: { en: 'CronJob: schedule, history, concurrency', zh: 'CronJob:调度、历史与并发' },
  summary: {
    en: 'Run a Job every minute, read its output, see old Jobs pruned, then suspend and delete the CronJob.',
    zh: '每分钟运行一个 Job,查看输出,观察旧 Job 被清理,然后暂停并删除 CronJob。',
  },
  source: 'seed 003 “使用 CronJob 运行自动化任务” (cronjob.yaml); seed 002 (echo CronJob, batch/v1beta1); seed 004 §“Cronjob”',
  start: { seed: 8 },
  steps: [
    {
      id: 'v1beta1',
      title: { en: 'An old apiVersion', zh: '过时的 apiVersion' },
      text: {
        en: 'Two of the seeds print CronJobs as `apiVersion: batch/v1beta1`. That version was removed in Kubernetes 1.25: apply the echo CronJob from seed 002 and kubectl finds no such kind.',
        zh: '有两篇种子文档里的 CronJob 写的是 `apiVersion: batch/v1beta1`。这个版本在 Kubernetes 1.25 中已被移除:应用种子 002 中的 echo CronJob,kubectl 会找不到这种资源。',
      },
      actions: [{ load: 'echo-cronjob.yaml', text: ECHO_CRONJOB_V1BETA1 }, { run: 'kubectl apply -f echo-cronjob.yaml', fails: true }],
      check: (v) => ran(v, /^kubectl (apply|create) -f echo-cronjob\.yaml/) && cronJob(v, 'echo') === undefined,
      hint: {
        en: 'The error is the lesson: `no matches for kind "CronJob" in version "batch/v1beta1"`. Use `batch/v1`.',
        zh: '报错就是这一步要看的:`no matches for kind "CronJob" in version "batch/v1beta1"`。请使用 `batch/v1`。',
      },
    },
    {
      id: 'create',
      title: { en: 'A CronJob every minute', zh: '每分钟一次的 CronJob' },
      text: {
        en: '`cronjob.yaml` uses `batch/v1`. Its `schedule: "* * * * *"` is standard cron (minute, hour, day of month, month, day of week): every minute, the finest a CronJob can do. Create it; `kubectl get cronjob hello` shows `LAST SCHEDULE <none>` until the first minute comes.',
        zh: '`cronjob.yaml` 使用 `batch/v1`。`schedule: "* * * * *"` 是标准 cron 格式(分、时、日、月、星期):每分钟一次,这是 CronJob 能做到的最小间隔。创建它;在第一个整分钟到来之前,`kubectl get cronjob hello` 显示 `LAST SCHEDULE <none>`。',
      },
      actions: [{ load: 'cronjob.yaml', text: HELLO_CRONJOB }, { run: 'kubectl create -f cronjob.yaml' }],
      check: (v) => cronJob(v, 'hello') !== undefined,
      hint: { en: 'Create the CronJob from cronjob.yaml.', zh: '用 cronjob.yaml 创建 CronJob。' },
    },
    {
      id: 'first-run',
      title: { en: 'The first Job', zh: '第一个 Job' },
      text: {
        en: 'Play the clock to the next minute and watch `kubectl get jobs --watch`: a Job named `hello-` plus the scheduled time in minutes since 1970 appears, runs for a few seconds and completes. The Job name is not the pod name: the pod adds five random characters.',
        zh: '让时钟走到下一分钟,用 `kubectl get jobs --watch` 观察:出现一个名为 `hello-` 加上调度时间(自 1970 年以来的分钟数)的 Job,运行几秒后完成。Job 名与 Pod 名不同:Pod 名还要再加五个随机字符。',
      },
      actions: [],
      check: (v) => helloJobs(v).some(isComplete),
      hint: { en: 'The first run is at the start of the next minute of virtual time.', zh: '第一次运行在虚拟时间的下一个整分钟。' },
    },
    {
      id: 'logs',
      title: { en: 'Its output', zh: '它的输出' },
      text: {
        en: 'Read what the first run printed: the date, then “Hello from the Kubernetes cluster”. `kubectl logs job/NAME` picks the Job’s pod for you.',
        zh: '查看第一次运行打印的内容:日期,然后是“Hello from the Kubernetes cluster”。`kubectl logs job/NAME` 会替你找到 Job 的 Pod。',
      },
      actions: [{ run: 'kubectl logs job/{{job:owner=CronJob/hello}}' }],
      check: (v) => ran(v, /^kubectl logs\b/) && helloJobs(v).some((j) => podsOf(v, j).some((p) => logsOf(v, p).includes('Hello from the Kubernetes cluster'))),
      hint: { en: 'Use the Job name from `kubectl get jobs`.', zh: '使用 `kubectl get jobs` 中的 Job 名。' },
    },
    {
      id: 'history',
      title: { en: 'History limits', zh: '历史记录上限' },
      text: {
        en: 'Keep playing for a few minutes. A new Job starts every minute, but `kubectl get jobs` never lists more than three finished ones: `successfulJobsHistoryLimit` defaults to 3 (and `failedJobsHistoryLimit` to 1), and the CronJob controller deletes older Jobs (`SuccessfulDelete` events in `kubectl describe cronjob hello`).',
        zh: '继续运行几分钟。每分钟都会启动一个新 Job,但 `kubectl get jobs` 列出的已完成 Job 从不超过三个:`successfulJobsHistoryLimit` 默认是 3(`failedJobsHistoryLimit` 默认是 1),CronJob 控制器会删除更早的 Job(见 `kubectl describe cronjob hello` 中的 `SuccessfulDelete` 事件)。',
      },
      actions: [],
      check: (v) => helloJobs(v).filter(isComplete).length === 3 && eventsAbout(v, 'CronJob', 'hello', 'SuccessfulDelete').length > 0,
      hint: { en: 'The fourth completed Job pushes out the first: about four minutes after the first run.', zh: '第四个完成的 Job 会把第一个挤掉:大约在第一次运行后四分钟。' },
      withinMs: 6 * 60_000,
    },
    {
      id: 'suspend',
      title: { en: 'Concurrency and suspend', zh: '并发策略与暂停' },
      text: {
        en: '`concurrencyPolicy` decides what happens when a run is due while the previous Job is still active: `Allow` (the default) starts another, `Forbid` skips the new run, `Replace` deletes the running Job and starts the new one. (Seed 004 describes it as true/false; the real values are these three.) `suspend: true` stops new runs without deleting anything. Set both with one patch.',
        zh: '`concurrencyPolicy` 决定当上一个 Job 仍在运行时新一次调度怎么办:`Allow`(默认)照常启动,`Forbid` 跳过这次,`Replace` 删除正在运行的 Job 再启动新的。(种子 004 把它描述为 true/false;实际取值是这三个。)`suspend: true` 会停止新的调度,但不删除任何东西。用一次 patch 同时设置两者。',
      },
      actions: [{ run: `kubectl patch cronjob hello -p '{"spec":{"concurrencyPolicy":"Forbid","suspend":true}}'` }],
      check: (v) => cronJob(v, 'hello')?.spec?.suspend === true && cronJob(v, 'hello')?.spec?.concurrencyPolicy === 'Forbid',
      hint: { en: 'The patch is a JSON merge patch of `spec`.', zh: 'patch 内容是对 `spec` 的 JSON 合并补丁。' },
    },
    {
      id: 'delete',
      title: { en: 'Delete the CronJob', zh: '删除 CronJob' },
      text: {
        en: 'Deleting a CronJob deletes the Jobs it created, and their pods, through the owner references.',
        zh: '删除 CronJob 会通过属主引用删除它创建的 Job 及其 Pod。',
      },
      actions: [{ run: 'kubectl delete cronjob hello' }],
      check: (v) => cronJob(v, 'hello') === undefined && jobs(v).length === 0 && pods(v).length === 0,
      hint: { en: 'The garbage collector needs a moment to remove the Jobs and pods.', zh: '垃圾回收器需要一点时间来删除 Job 和 Pod。' },
    },
  ],
};
