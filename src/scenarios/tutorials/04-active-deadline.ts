import { isComplete, isFailed, job, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { BATCH_JOB, PI_TIMEOUT_JOB } from './manifests.ts';

export const activeDeadline: Lesson = {
  id: 'active-deadline',
  number: 4,
  title: { en: 'activeDeadlineSeconds', zh: 'activeDeadlineSeconds 超时' },
  summary: {
    en: 'Give a Job a time limit: when it runs longer, its pods are stopped and it fails with DeadlineExceeded.',
    zh: '给 Job 设定时间上限:运行超时后,它的 Pod 会被终止,Job 以 DeadlineExceeded 失败。',
  },
  source: 'seed 000 “k8s job机制初探” §3 (job-timeout.yaml); seed 001 batch-job.yaml and §“限制 Job pod 完成任务的时间”',
  start: { seed: 4 },
  steps: [
    {
      id: 'create',
      title: { en: 'A Job with a 100-second deadline', zh: '限时 100 秒的 Job' },
      text: {
        en: '`job-timeout.yaml` asks for three completions, two at a time, with `activeDeadlineSeconds: 100`: the Job may be active for 100 seconds, counted from its start time, whatever its pods are doing. Apply it.',
        zh: '`job-timeout.yaml` 要求完成三次、每次两个,并设置了 `activeDeadlineSeconds: 100`:从开始时间算起,Job 最多活跃 100 秒,不管它的 Pod 在做什么。应用它。',
      },
      actions: [{ load: 'job-timeout.yaml', text: PI_TIMEOUT_JOB }, { run: 'kubectl apply -f job-timeout.yaml' }],
      check: (v) => {
        const j = job(v, 'pi-timeout');
        return j !== undefined && podsOf(v, j).length === 2;
      },
      hint: { en: 'Apply job-timeout.yaml; two `pi-timeout-` pods start.', zh: '应用 job-timeout.yaml;会启动两个 `pi-timeout-` Pod。' },
    },
    {
      id: 'in-time',
      title: { en: 'Done in time', zh: '按时完成' },
      text: {
        en: 'Play the clock. On the blog author’s cluster each pi pod ran for minutes, so the Job hit its deadline. Here perl computes the 2000 digits in about seven seconds: the three completions are done long before 100 seconds, and the deadline never matters. `kubectl get job -o wide` shows `3/3`.',
        zh: '让时钟运行。在博客作者的集群上,每个 pi Pod 要运行好几分钟,所以 Job 超时了。这里 perl 大约七秒就能算出 2000 位:三次完成远早于 100 秒,期限根本不起作用。`kubectl get job -o wide` 显示 `3/3`。',
      },
      actions: [],
      check: (v) => isComplete(job(v, 'pi-timeout')),
      hint: { en: 'Keep the clock running until the third pod completes.', zh: '让时钟继续运行,直到第三个 Pod 完成。' },
    },
    {
      id: 'slow-job',
      title: { en: 'A task slower than its deadline', zh: '比期限更慢的任务' },
      text: {
        en: 'To see the deadline at work, take a slower task: the book’s `batch-job.yaml` works for 120 seconds. `activeDeadlineSeconds` is one of the few Job fields you may change after creation, so give it the same 100 seconds with a patch.',
        zh: '要看到期限生效,需要一个更慢的任务:书中的 `batch-job.yaml` 要工作 120 秒。`activeDeadlineSeconds` 是 Job 创建后少数可以修改的字段之一,所以用一个补丁给它同样的 100 秒。',
      },
      actions: [
        { load: 'batch-job.yaml', text: BATCH_JOB },
        { run: 'kubectl apply -f batch-job.yaml' },
        { run: `kubectl patch job batch-job --type=merge -p '{"spec":{"activeDeadlineSeconds":100}}'` },
      ],
      check: (v) => {
        const j = job(v, 'batch-job');
        return j?.spec?.activeDeadlineSeconds === 100 && podsOf(v, j).length === 1;
      },
      hint: { en: 'Apply batch-job.yaml, then patch its `spec.activeDeadlineSeconds`.', zh: '先应用 batch-job.yaml,再修改它的 `spec.activeDeadlineSeconds`。' },
    },
    {
      id: 'deadline',
      title: { en: 'Time is up', zh: '时间到' },
      text: {
        en: 'Play the clock past 100 seconds. The Job controller stops the Job: it deletes the running pod (it shows `Terminating`), counts it as failed, and adds the condition `Failed` with reason `DeadlineExceeded`.\n\nThe seed says that a deadline switches `backoffLimit` off. Both limits actually apply; whichever is reached first fails the Job.',
        zh: '让时钟走过 100 秒。Job 控制器会停止这个 Job:删除正在运行的 Pod(显示 `Terminating`),把它计为失败,并添加原因为 `DeadlineExceeded` 的 `Failed` 状况。\n\n种子文档说设置期限后 `backoffLimit` 就不生效了。实际上两个限制同时有效,先达到哪个,Job 就因哪个失败。',
      },
      actions: [],
      check: (v) => isFailed(job(v, 'batch-job'), 'DeadlineExceeded'),
      hint: { en: 'The deadline is 100 s after the Job started; keep the clock running.', zh: '期限是 Job 开始后 100 秒;让时钟继续运行。' },
      withinMs: 4 * 60_000,
    },
    {
      id: 'describe',
      title: { en: 'The events tell the story', zh: '事件说明了一切' },
      text: {
        en: '`kubectl describe job batch-job` shows `Active Deadline Seconds: 100s`, the pod deleted by the controller (`SuccessfulDelete`) and the `Warning DeadlineExceeded` event: “Job was active longer than specified deadline”.',
        zh: '`kubectl describe job batch-job` 会显示 `Active Deadline Seconds: 100s`、控制器删除的 Pod(`SuccessfulDelete`)以及 `Warning DeadlineExceeded` 事件:“Job was active longer than specified deadline”。',
      },
      actions: [{ run: 'kubectl describe job batch-job' }],
      check: (v) => ran(v, /^kubectl describe (job|jobs|job\.batch)[ /]batch-job\b/),
      hint: { en: 'Run `kubectl describe job batch-job`.', zh: '运行 `kubectl describe job batch-job`。' },
    },
  ],
};
