import { isFailed, job, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { PI_TIMEOUT_JOB } from './manifests.ts';

export const activeDeadline: Lesson = {
  id: 'active-deadline',
  number: 4,
  title: { en: 'activeDeadlineSeconds', zh: 'activeDeadlineSeconds 超时' },
  summary: {
    en: 'Give a Job a time limit: when it runs longer, its pods are stopped and it fails with DeadlineExceeded.',
    zh: '给 Job 设定时间上限:运行超时后,它的 Pod 会被终止,Job 以 DeadlineExceeded 失败。',
  },
  source: 'seed 000 “k8s job机制初探” §3 (job-timeout.yaml)',
  start: { seed: 4 },
  steps: [
    {
      id: 'create',
      title: { en: 'A Job with a 100-second deadline', zh: '限时 100 秒的 Job' },
      text: {
        en: '`job-timeout.yaml` asks for three completions, two at a time, with `activeDeadlineSeconds: 100`: the Job may be active for 100 seconds, counted from its start time, whatever its pods are doing.',
        zh: '`job-timeout.yaml` 要求完成三次、每次两个,并设置了 `activeDeadlineSeconds: 100`:从开始时间算起,Job 最多活跃 100 秒,不管它的 Pod 在做什么。',
      },
      actions: [{ load: 'job-timeout.yaml', text: PI_TIMEOUT_JOB }, { run: 'kubectl apply -f job-timeout.yaml' }],
      check: (v) => {
        const j = job(v, 'pi-timeout');
        return j !== undefined && podsOf(v, j).length === 2;
      },
      hint: { en: 'Apply job-timeout.yaml; two `pi-timeout-` pods start.', zh: '应用 job-timeout.yaml;会启动两个 `pi-timeout-` Pod。' },
    },
    {
      id: 'deadline',
      title: { en: 'Time is up', zh: '时间到' },
      text: {
        en: 'Play the clock past 100 seconds. The Job controller stops the Job: it deletes the running pods (they show `Terminating`), counts them as failed, and adds the condition `Failed` with reason `DeadlineExceeded`. `kubectl get job -o wide` keeps showing the completions reached before the deadline.\n\nThe seed says the deadline switches `backoffLimit` off. Both limits actually apply; whichever is reached first fails the Job.',
        zh: '让时钟走过 100 秒。Job 控制器会停止这个 Job:删除正在运行的 Pod(显示 `Terminating`),把它们计为失败,并添加原因为 `DeadlineExceeded` 的 `Failed` 状况。`kubectl get job -o wide` 仍会显示超时前达到的完成数。\n\n种子文档说设置超时后 `backoffLimit` 就不生效了。实际上两个限制同时有效,先达到哪个,Job 就因哪个失败。',
      },
      actions: [],
      check: (v) => isFailed(job(v, 'pi-timeout'), 'DeadlineExceeded'),
      hint: { en: 'The deadline is 100 s after the Job started; keep the clock running.', zh: '期限是 Job 开始后 100 秒;让时钟继续运行。' },
      withinMs: 4 * 60_000,
    },
    {
      id: 'describe',
      title: { en: 'The events tell the story', zh: '事件说明了一切' },
      text: {
        en: '`kubectl describe job pi-timeout` shows `Active Deadline Seconds: 100s`, the pods deleted by the controller (`SuccessfulDelete`) and the `Warning DeadlineExceeded` event: “Job was active longer than specified deadline”.',
        zh: '`kubectl describe job pi-timeout` 会显示 `Active Deadline Seconds: 100s`、控制器删除的 Pod(`SuccessfulDelete`)以及 `Warning DeadlineExceeded` 事件:“Job was active longer than specified deadline”。',
      },
      actions: [{ run: 'kubectl describe job pi-timeout' }],
      check: (v) => ran(v, /^kubectl describe (job|jobs|job\.batch)[ /]pi-timeout\b/),
      hint: { en: 'Run `kubectl describe job pi-timeout`.', zh: '运行 `kubectl describe job pi-timeout`。' },
    },
  ],
};
