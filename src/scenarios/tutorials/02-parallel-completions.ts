import { isComplete, isSucceeded, job, podsOf } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { MULTI_COMPLETION_BATCH_JOB, PI_PARALLEL_JOB } from './manifests.ts';

export const parallelCompletions: Lesson = {
  id: 'parallel-completions',
  number: 2,
  title: { en: 'completions and parallelism', zh: 'completions 与 parallelism' },
  summary: {
    en: 'Ask for several successful pods, a few at a time: completions is how many, parallelism how many at once.',
    zh: '要求多个 Pod 成功完成,并限制同时运行的数量:completions 是总数,parallelism 是并发数。',
  },
  source: 'seed 000 “k8s job机制初探” §2 (job-parallel.yaml); seed 001 §“在 Job 中运行多个 pod 实例”',
  start: { seed: 2 },
  steps: [
    {
      id: 'two-at-once',
      title: { en: 'Three completions, two at a time', zh: '完成三次,每次两个' },
      text: {
        en: '`job-parallel.yaml` is the pi Job with `completions: 3` and `parallelism: 2`: the Job is done when three pods have succeeded, and never runs more than two at once.\n\nApply it: the controller starts two pods straight away.',
        zh: '`job-parallel.yaml` 是在 pi Job 上加了 `completions: 3` 和 `parallelism: 2`:三个 Pod 成功后 Job 才算完成,并且同一时刻最多运行两个。\n\n应用它:控制器会立刻启动两个 Pod。',
      },
      actions: [{ load: 'job-parallel.yaml', text: PI_PARALLEL_JOB }, { run: 'kubectl apply -f job-parallel.yaml' }],
      check: (v) => {
        const pi = job(v, 'pi');
        return pi !== undefined && podsOf(v, pi).length === 2 && !podsOf(v, pi).some(isSucceeded);
      },
      hint: {
        en: 'Apply job-parallel.yaml as it is; `kubectl get pods -o wide` should list two `pi-` pods.',
        zh: '原样应用 job-parallel.yaml;`kubectl get pods -o wide` 应该列出两个 `pi-` 开头的 Pod。',
      },
    },
    {
      id: 'third-pod',
      title: { en: 'A third pod after the first success', zh: '第一个成功后启动第三个' },
      text: {
        en: 'Play the clock. When one of the two pods completes, one completion is still missing and only one pod is active, so the controller starts a third pod. `kubectl get job -o wide` shows `COMPLETIONS 1/3`, then `2/3`.',
        zh: '让时钟运行。两个 Pod 中有一个完成后,还差完成数,而活跃的 Pod 只剩一个,于是控制器启动第三个 Pod。`kubectl get job -o wide` 会显示 `COMPLETIONS 1/3`,然后是 `2/3`。',
      },
      actions: [],
      check: (v) => {
        const pi = job(v, 'pi');
        return pi !== undefined && podsOf(v, pi).length === 3;
      },
      hint: {
        en: 'Let virtual time pass (play, or `sim advance 1m`); `kubectl get pods` shows the third pod once a first one has completed.',
        zh: '让虚拟时间前进(播放,或 `sim advance 1m`);有 Pod 完成后,`kubectl get pods` 会出现第三个 Pod。',
      },
      withinMs: 5 * 60_000,
    },
    {
      id: 'three-of-three',
      title: { en: '3/3', zh: '3/3' },
      text: {
        en: 'When the third pod completes the Job shows `COMPLETIONS 3/3`: three pods `Completed`, none more were created.',
        zh: '第三个 Pod 完成后,Job 显示 `COMPLETIONS 3/3`:三个 Pod 都是 `Completed`,不会再创建新的。',
      },
      actions: [],
      check: (v) => {
        const pi = job(v, 'pi');
        return isComplete(pi) && pi?.status?.succeeded === 3 && podsOf(v, pi).length === 3;
      },
      hint: { en: 'Keep the clock running until the last pod finishes.', zh: '让时钟继续运行,直到最后一个 Pod 结束。' },
      withinMs: 5 * 60_000,
    },
    {
      id: 'five-two',
      title: { en: 'Five completions of a two-minute task', zh: '五次两分钟的任务' },
      text: {
        en: 'The book’s version: `multi-completion-parallel-batch-job.yaml` runs the two-minute `batch-job` task five times, two at a time. Apply it; two pods start.',
        zh: '书中的例子:`multi-completion-parallel-batch-job.yaml` 把两分钟的 `batch-job` 任务运行五次,每次两个。应用它,会启动两个 Pod。',
      },
      actions: [
        { load: 'multi-completion-parallel-batch-job.yaml', text: MULTI_COMPLETION_BATCH_JOB },
        { run: 'kubectl create -f multi-completion-parallel-batch-job.yaml' },
      ],
      check: (v) => {
        const j = job(v, 'multi-completion-parallel-batch-job');
        return j !== undefined && podsOf(v, j).length === 2;
      },
      hint: { en: 'Create the Job from the loaded file.', zh: '用加载的文件创建 Job。' },
    },
    {
      id: 'five-done',
      title: { en: 'Three waves', zh: '分三批完成' },
      text: {
        en: 'Each pod works for two minutes. Five completions with two at a time take three waves: 2, 2, then 1. Watch `kubectl get pods`: never more than two `Running`.',
        zh: '每个 Pod 工作两分钟。五次完成、每次两个,需要三批:2 个、2 个、1 个。用 `kubectl get pods` 观察:同时 `Running` 的从不超过两个。',
      },
      actions: [],
      check: (v) => {
        const j = job(v, 'multi-completion-parallel-batch-job');
        return isComplete(j) && j?.status?.succeeded === 5;
      },
      hint: { en: 'This takes about six minutes of virtual time; try the 10× speed.', zh: '这需要大约六分钟虚拟时间;可以试试 10 倍速。' },
      withinMs: 12 * 60_000,
    },
  ],
};
