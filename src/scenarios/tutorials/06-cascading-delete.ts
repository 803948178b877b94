import { controllerOf, isRunning, isTerminating, job, pods, podsOf } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { BATCH_JOB } from './manifests.ts';

const ofBatchJob = 'job-name=batch-job';

export const cascadingDelete: Lesson = {
  id: 'cascading-delete',
  number: 6,
  title: { en: 'Cascading vs orphan delete', zh: '级联删除与孤儿删除' },
  summary: {
    en: 'Deleting a Job deletes its pods, unless you ask for the pods to be orphaned and keep running.',
    zh: '删除 Job 会连带删除它的 Pod,除非你要求把 Pod 变成孤儿、让它们继续运行。',
  },
  source: 'seed 000 “k8s job机制初探” §4 (kubectl delete jobs/old --cascade=false); seed 001 batch-job.yaml',
  start: { seed: 6 },
  steps: [
    {
      id: 'running',
      title: { en: 'A Job at work', zh: '一个正在工作的 Job' },
      text: {
        en: '`batch-job.yaml` (from the book) runs one pod that works for two minutes. Apply it and wait until its pod is `Running`.',
        zh: '`batch-job.yaml`(来自书中)运行一个工作两分钟的 Pod。应用它,等到 Pod 变成 `Running`。',
      },
      actions: [{ load: 'batch-job.yaml', text: BATCH_JOB }, { run: 'kubectl apply -f batch-job.yaml' }],
      check: (v) => {
        const j = job(v, 'batch-job');
        return j !== undefined && podsOf(v, j).some(isRunning);
      },
      hint: { en: 'The image pull takes a few seconds of virtual time; play the clock.', zh: '拉取镜像需要几秒虚拟时间;让时钟运行。' },
    },
    {
      id: 'orphan',
      title: { en: 'Delete the Job, keep the pod', zh: '删除 Job,保留 Pod' },
      text: {
        en: 'Say the pod is doing real work and you only want to replace the Job object. The seed uses `--cascade=false`; kubectl 1.32 still accepts it, warns that it is deprecated, and treats it as `--cascade=orphan`.\n\nThe Job disappears; the garbage collector removes the pod’s `ownerReferences` instead of deleting it, and the pod keeps running.',
        zh: '假设 Pod 正在执行线上任务,你只想替换 Job 对象。种子文档用的是 `--cascade=false`;kubectl 1.32 仍然接受它,但会提示已弃用,并按 `--cascade=orphan` 处理。\n\nJob 消失了;垃圾回收器不会删除 Pod,而是移除它的 `ownerReferences`,Pod 继续运行。',
      },
      actions: [{ run: 'kubectl delete jobs/batch-job --cascade=false' }],
      check: (v) =>
        job(v, 'batch-job') === undefined &&
        pods(v, ofBatchJob).length === 1 &&
        pods(v, ofBatchJob).every((p) => controllerOf(p) === undefined && !isTerminating(p)),
      hint: { en: 'Use `--cascade=false` (or `--cascade=orphan`) when deleting the Job.', zh: '删除 Job 时加上 `--cascade=false`(或 `--cascade=orphan`)。' },
    },
    {
      id: 'recreate',
      title: { en: 'A new Job does not adopt it', zh: '新的 Job 不会收养它' },
      text: {
        en: 'Apply `batch-job.yaml` again. The new Job has a new uid, and its selector is `batch.kubernetes.io/controller-uid=<new uid>`; the orphan still carries the old uid in its labels, so the new Job starts a pod of its own. `kubectl get pods --show-labels` shows both.',
        zh: '再次应用 `batch-job.yaml`。新的 Job 有新的 uid,它的选择器是 `batch.kubernetes.io/controller-uid=<新 uid>`;孤儿 Pod 的标签里还是旧的 uid,所以新 Job 会启动自己的 Pod。`kubectl get pods --show-labels` 可以看到两个 Pod。',
      },
      actions: [{ run: 'kubectl apply -f batch-job.yaml' }],
      check: (v) => {
        const j = job(v, 'batch-job');
        return j !== undefined && podsOf(v, j).length === 1 && pods(v, ofBatchJob).some((p) => controllerOf(p) === undefined);
      },
      hint: { en: 'Apply batch-job.yaml once more.', zh: '再应用一次 batch-job.yaml。' },
    },
    {
      id: 'cascade',
      title: { en: 'The default: cascade', zh: '默认:级联删除' },
      text: {
        en: 'Now delete the Job the usual way. kubectl’s default is `--cascade=background`: the Job goes at once and the garbage collector deletes the pods it owns. The orphan from before is not the Job’s any more, so it stays.',
        zh: '现在用普通方式删除 Job。kubectl 默认是 `--cascade=background`:Job 立即删除,垃圾回收器随后删除它拥有的 Pod。之前的孤儿 Pod 已经不属于这个 Job,所以会保留下来。',
      },
      actions: [{ run: 'kubectl delete jobs/batch-job' }],
      check: (v) => job(v, 'batch-job') === undefined && pods(v, ofBatchJob).length === 1 && controllerOf(pods(v, ofBatchJob)[0]!) === undefined,
      hint: { en: 'The owned pod is terminating; give it its 30-second grace period.', zh: '被拥有的 Pod 正在终止;等它的 30 秒宽限期结束。' },
    },
    {
      id: 'clean-up',
      title: { en: 'Clean up the orphan', zh: '清理孤儿 Pod' },
      text: {
        en: 'Nothing manages the orphan any more: delete it yourself, by label.',
        zh: '孤儿 Pod 已经没有任何控制器管理:按标签自己删除它。',
      },
      actions: [{ run: 'kubectl delete pod -l job-name=batch-job' }],
      check: (v) => pods(v, ofBatchJob).length === 0,
      hint: { en: 'Delete the pods with `-l job-name=batch-job`.', zh: '用 `-l job-name=batch-job` 删除 Pod。' },
    },
  ],
};
