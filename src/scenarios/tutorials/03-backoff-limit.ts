import { isFailed, isPodFailed, job, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';

const NAME = 'backoff-demo';

export const backoffLimit: Lesson = {
  id: 'backoff-limit',
  number: 3,
  title: { en: 'backoffLimit and the failure backoff', zh: 'backoffLimit 与失败退避' },
  summary: {
    en: 'A Job whose pods keep failing is retried with growing pauses, then given up after backoffLimit retries.',
    zh: 'Pod 一直失败的 Job 会以越来越长的间隔重试,超过 backoffLimit 次后放弃。',
  },
  source: 'seed 000 “k8s job机制初探” (backoffLimit); seed 001 §“限制 Job pod 完成任务的时间” (default 6); seed 004 §“backoffLimit 重试次数限制”',
  start: { seed: 3 },
  steps: [
    {
      id: 'failing-job',
      title: { en: 'A Job that always fails', zh: '一个总是失败的 Job' },
      text: {
        en: 'The seeds describe `backoffLimit` as the number of retries before a Job is marked failed, 6 by default. To see it, create a Job whose command always exits with 1. `kubectl create job` writes the manifest for you (with `restartPolicy: Never`, so each failure is a new pod).',
        zh: '种子文档把 `backoffLimit` 描述为 Job 被标记失败前的重试次数,默认 6 次。为了观察它,创建一个命令总是以 1 退出的 Job。`kubectl create job` 会替你生成清单(`restartPolicy: Never`,所以每次失败都是一个新 Pod)。',
      },
      actions: [{ run: `kubectl create job ${NAME} --image=busybox -- sh -c "echo working; sleep 2; exit 1"` }],
      check: (v) => {
        const j = job(v, NAME);
        return j !== undefined && podsOf(v, j).some(isPodFailed);
      },
      hint: {
        en: 'After the image is pulled the container runs two seconds and exits 1: `kubectl get pods` shows the pod as `Error`.',
        zh: '镜像拉取后,容器运行两秒并以 1 退出:`kubectl get pods` 会显示 Pod 为 `Error`。',
      },
      withinMs: 60_000,
    },
    {
      id: 'retries',
      title: { en: 'Retries, further and further apart', zh: '重试,间隔越来越长' },
      text: {
        en: 'After each failure the Job controller waits before creating the next pod: 10 s after the first failure, then 20 s, 40 s, 80 s… doubling each time. Watch `kubectl get pods -l job-name=backoff-demo` and the `SuccessfulCreate` events in `kubectl describe job backoff-demo`: the gaps grow.',
        zh: '每次失败后,Job 控制器会等待一段时间再创建下一个 Pod:第一次失败后 10 秒,然后 20 秒、40 秒、80 秒……每次翻倍。用 `kubectl get pods -l job-name=backoff-demo` 和 `kubectl describe job backoff-demo` 中的 `SuccessfulCreate` 事件观察:间隔越来越大。',
      },
      actions: [],
      check: (v) => (job(v, NAME)?.status?.failed ?? 0) >= 3,
      hint: { en: 'Keep the clock running: the third failure comes after about a minute.', zh: '让时钟继续运行:大约一分钟后会出现第三次失败。' },
      withinMs: 3 * 60_000,
    },
    {
      id: 'gives-up',
      title: { en: 'Backoff limit reached', zh: '达到退避上限' },
      text: {
        en: 'With `backoffLimit: 6`, the seventh failed pod is one too many: the Job gets the condition `Failed` with reason `BackoffLimitExceeded` and creates no more pods. `kubectl get jobs` shows `STATUS Failed` and `COMPLETIONS 0/1`. The whole run takes about eleven minutes of virtual time: try a higher speed.',
        zh: '`backoffLimit: 6` 时,第七个失败的 Pod 就超出了限制:Job 得到 `Failed` 状况,原因是 `BackoffLimitExceeded`,并且不再创建 Pod。`kubectl get jobs` 显示 `STATUS Failed`、`COMPLETIONS 0/1`。整个过程大约需要十一分钟虚拟时间:试试更高的速度。',
      },
      actions: [],
      check: (v) => isFailed(job(v, NAME), 'BackoffLimitExceeded') && job(v, NAME)?.status?.failed === 7,
      hint: { en: 'The last pauses are 160 s and 320 s; use 100× speed or `sim advance 10m`.', zh: '最后两次等待是 160 秒和 320 秒;用 100 倍速或 `sim advance 10m`。' },
      withinMs: 20 * 60_000,
    },
    {
      id: 'describe',
      title: { en: 'Why it failed', zh: '失败的原因' },
      text: {
        en: '`kubectl describe job backoff-demo` ends with a `Warning BackoffLimitExceeded` event: “Job has reached the specified backoff limit”. The failed pods are kept so you can read their logs.',
        zh: '`kubectl describe job backoff-demo` 的最后是一个 `Warning BackoffLimitExceeded` 事件:“Job has reached the specified backoff limit”。失败的 Pod 会被保留,方便查看日志。',
      },
      actions: [{ run: `kubectl describe job ${NAME}` }],
      check: (v) => ran(v, /^kubectl describe (job|jobs|job\.batch)[ /]backoff-demo\b/),
      hint: { en: 'Run `kubectl describe job backoff-demo`.', zh: '运行 `kubectl describe job backoff-demo`。' },
    },
  ],
};
