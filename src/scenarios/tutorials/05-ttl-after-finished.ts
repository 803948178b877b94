import { isComplete, job, pods } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { PI_TTL_JOB } from './manifests.ts';

export const ttlAfterFinished: Lesson = {
  id: 'ttl-after-finished',
  number: 5,
  title: { en: 'ttlSecondsAfterFinished', zh: 'ttlSecondsAfterFinished 自动清理' },
  summary: {
    en: 'Let the TTL controller delete a finished Job, and its pods, a set time after it finishes.',
    zh: '让 TTL 控制器在 Job 结束一段时间后自动删除它及其 Pod。',
  },
  source: 'seed 000 “k8s job机制初探” §3 (pi-with-ttl)',
  start: { seed: 5 },
  steps: [
    {
      id: 'create',
      title: { en: 'A Job that cleans up after itself', zh: '会自我清理的 Job' },
      text: {
        en: 'Finished Jobs and their pods stay until someone deletes them. With `ttlSecondsAfterFinished: 100` the TTL-after-finished controller deletes the Job 100 seconds after it finishes. Apply `pi-with-ttl.yaml`.',
        zh: '已结束的 Job 和它的 Pod 会一直保留,直到有人删除。设置 `ttlSecondsAfterFinished: 100` 后,TTL 控制器会在 Job 结束 100 秒后删除它。应用 `pi-with-ttl.yaml`。',
      },
      actions: [{ load: 'pi-with-ttl.yaml', text: PI_TTL_JOB }, { run: 'kubectl apply -f pi-with-ttl.yaml' }],
      check: (v) => job(v, 'pi-with-ttl') !== undefined,
      hint: { en: 'Apply pi-with-ttl.yaml.', zh: '应用 pi-with-ttl.yaml。' },
    },
    {
      id: 'finished',
      title: { en: 'Finished', zh: '已结束' },
      text: {
        en: 'Wait for `COMPLETIONS 1/1`. The countdown starts when the Job’s `Complete` condition is set (`kubectl get job pi-with-ttl -o yaml` shows its `lastTransitionTime`).',
        zh: '等待 `COMPLETIONS 1/1`。倒计时从 Job 的 `Complete` 状况被设置时开始(`kubectl get job pi-with-ttl -o yaml` 可以看到它的 `lastTransitionTime`)。',
      },
      actions: [],
      check: (v) => isComplete(job(v, 'pi-with-ttl')),
      hint: { en: 'Keep the clock running until the pod is `Completed`.', zh: '让时钟继续运行,直到 Pod 变成 `Completed`。' },
      withinMs: 5 * 60_000,
    },
    {
      id: 'deleted',
      title: { en: '100 seconds later', zh: '100 秒之后' },
      text: {
        en: 'Play on. 100 seconds after the Job finished, `kubectl get jobs` and `kubectl get pods` no longer list it: the controller deleted the Job, and its pod with it (the deletion cascades).\n\nWith `ttlSecondsAfterFinished: 0` the Job is deleted as soon as it finishes; without the field it is never deleted automatically.',
        zh: '继续运行。Job 结束 100 秒后,`kubectl get jobs` 和 `kubectl get pods` 都不再列出它:控制器删除了 Job,它的 Pod 也随之删除(级联删除)。\n\n`ttlSecondsAfterFinished: 0` 时 Job 一结束就被删除;不设置这个字段,则永远不会自动删除。',
      },
      actions: [],
      check: (v) => job(v, 'pi-with-ttl') === undefined && pods(v, 'job-name=pi-with-ttl').length === 0,
      hint: { en: 'The TTL is 100 s of virtual time after the Job completed.', zh: 'TTL 是 Job 完成后的 100 秒虚拟时间。' },
      withinMs: 3 * 60_000,
    },
  ],
};
