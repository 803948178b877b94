import { isComplete, job, logsOf, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { PI_JOB } from './manifests.ts';

const PI_DIGITS = '3.14159265358979323846264338327950288419716939937510';

export const firstJob: Lesson = {
  id: 'first-job',
  number: 1,
  title: { en: 'Your first Job', zh: '第一个 Job' },
  summary: {
    en: 'Run a one-off task to completion: a Job that computes pi to 2000 places.',
    zh: '运行一个一次性任务直到完成:用 Job 计算 pi 的小数点后 2000 位。',
  },
  source: 'seed 000 “k8s job机制初探” §1',
  start: { seed: 1 },
  steps: [
    {
      id: 'create',
      title: { en: 'Create the Job', zh: '创建 Job' },
      text: {
        en: 'A Job runs pods until a number of them finish successfully. Unlike a Deployment, it does not keep pods running: once the task is done, the Job is done.\n\nLoad `pi.yaml` and apply it. The pod template runs `perl` to print pi to 2000 places; `restartPolicy: Never` means a failed container is not restarted in place, and `backoffLimit: 4` allows four retries.',
        zh: 'Job 会运行 Pod,直到指定数量的 Pod 成功结束。与 Deployment 不同,它不会让 Pod 一直运行:任务完成,Job 也就完成了。\n\n加载 `pi.yaml` 并应用。Pod 模板运行 `perl` 打印 pi 的 2000 位小数;`restartPolicy: Never` 表示容器失败后不在原地重启,`backoffLimit: 4` 允许重试四次。',
      },
      actions: [{ load: 'pi.yaml', text: PI_JOB }, { run: 'kubectl apply -f pi.yaml' }],
      check: (v) => {
        const pi = job(v, 'pi');
        return pi !== undefined && podsOf(v, pi).length > 0;
      },
      hint: {
        en: 'Apply pi.yaml unchanged: the Job must be called `pi`. `kubectl get jobs` lists it once it exists.',
        zh: '原样应用 pi.yaml:Job 的名字必须是 `pi`。创建后可以用 `kubectl get jobs` 看到它。',
      },
    },
    {
      id: 'complete',
      title: { en: 'Watch it complete', zh: '等待完成' },
      text: {
        en: 'The Job controller created one pod (`pi-` plus five random characters). Play the clock and watch it go from `ContainerCreating` to `Running` to `Completed` with `kubectl get pods -o wide`.\n\nThe Job is complete when `kubectl get jobs` shows `COMPLETIONS 1/1`. The pod is not deleted: it stays `Completed` so you can read its output.',
        zh: 'Job 控制器创建了一个 Pod(`pi-` 加五个随机字符)。让时钟走起来,用 `kubectl get pods -o wide` 观察它从 `ContainerCreating` 到 `Running` 再到 `Completed`。\n\n当 `kubectl get jobs` 显示 `COMPLETIONS 1/1` 时 Job 就完成了。Pod 不会被删除:它保持 `Completed` 状态,方便你查看输出。',
      },
      actions: [],
      check: (v) => isComplete(job(v, 'pi')) && job(v, 'pi')?.status?.succeeded === 1,
      hint: {
        en: 'Time only moves while the clock plays (or with `sim advance 1m`). Pulling the perl image and computing take a little while.',
        zh: '只有时钟运行时(或执行 `sim advance 1m`)时间才会前进。拉取 perl 镜像和计算都需要一点时间。',
      },
      withinMs: 5 * 60_000,
    },
    {
      id: 'logs',
      title: { en: 'Read the result', zh: '查看结果' },
      text: {
        en: 'What the container printed is kept with the finished pod. Read it with `kubectl logs`: 2000 digits of pi.',
        zh: '容器打印的内容随已完成的 Pod 一起保留。用 `kubectl logs` 查看:pi 的 2000 位数字。',
      },
      actions: [{ run: 'kubectl logs {{pod:job-name=pi}}' }],
      check: (v) => {
        const pi = job(v, 'pi');
        return ran(v, /^kubectl logs\b/) && pi !== undefined && podsOf(v, pi).some((p) => logsOf(v, p).join('').startsWith(PI_DIGITS));
      },
      hint: {
        en: 'Run `kubectl logs` with the pod’s name (`kubectl get pods` shows it), or `kubectl logs job/pi`.',
        zh: '用 Pod 的名字运行 `kubectl logs`(`kubectl get pods` 可以看到名字),或者 `kubectl logs job/pi`。',
      },
    },
    {
      id: 'describe',
      title: { en: 'What the controller did', zh: '控制器做了什么' },
      text: {
        en: '`kubectl describe job pi` shows the Job’s settings, `Pods Statuses: 0 Active / 1 Succeeded / 0 Failed`, and the events the Job controller recorded: `SuccessfulCreate` for the pod and `Completed` at the end.',
        zh: '`kubectl describe job pi` 会显示 Job 的配置、`Pods Statuses: 0 Active / 1 Succeeded / 0 Failed`,以及 Job 控制器记录的事件:创建 Pod 时的 `SuccessfulCreate`,结束时的 `Completed`。',
      },
      actions: [{ run: 'kubectl describe job pi' }],
      check: (v) => ran(v, /^kubectl describe (job|jobs|job\.batch)[ /]pi\b/),
      hint: { en: 'Run `kubectl describe job pi`.', zh: '运行 `kubectl describe job pi`。' },
    },
  ],
};
