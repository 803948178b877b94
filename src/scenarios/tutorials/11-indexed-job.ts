import { isComplete, job, logsOf, pods, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { INDEXED_JOB } from './manifests.ts';

const INDEX = 'batch.kubernetes.io/job-completion-index';

export const indexedJob: Lesson = {
  id: 'indexed-job',
  number: 11,
  title: { en: 'Indexed Job: static work assignment', zh: '索引 Job:静态分配工作' },
  summary: {
    en: 'Each pod of an Indexed Job gets its own index in JOB_COMPLETION_INDEX; an init container turns it into input for rev.',
    zh: '索引 Job 的每个 Pod 通过 JOB_COMPLETION_INDEX 得到自己的索引;Init 容器把它变成 rev 的输入。',
  },
  source: 'seed 003 “使用索引作业完成静态工作分配下的并行处理” (indexed-job.yaml)',
  start: { seed: 11 },
  steps: [
    {
      id: 'create',
      title: { en: 'Five indexes, three at a time', zh: '五个索引,每次三个' },
      text: {
        en: 'With `completionMode: Indexed` and `completions: 5`, the Job needs one successful pod for each index 0 to 4. Each pod carries its index in the annotation and label `batch.kubernetes.io/job-completion-index`, in its name (`indexed-job-2-…`) and in the environment variable `JOB_COMPLETION_INDEX`.\n\nThe init container `input` picks the word for its index from `(foo bar baz qux xyz)` and writes it to a shared `emptyDir` volume; the `worker` container runs `rev` on it.',
        zh: '设置 `completionMode: Indexed` 和 `completions: 5` 后,Job 需要索引 0 到 4 各有一个成功的 Pod。每个 Pod 的索引体现在注解和标签 `batch.kubernetes.io/job-completion-index`、Pod 名(`indexed-job-2-…`)以及环境变量 `JOB_COMPLETION_INDEX` 中。\n\nInit 容器 `input` 根据索引从 `(foo bar baz qux xyz)` 中取一个词,写入共享的 `emptyDir` 卷;`worker` 容器对它运行 `rev`。',
      },
      actions: [{ load: 'indexed-job.yaml', text: INDEXED_JOB }, { run: 'kubectl apply -f indexed-job.yaml' }],
      check: (v) => {
        const j = job(v, 'indexed-job');
        return j !== undefined && podsOf(v, j).length === 3;
      },
      hint: { en: 'Apply indexed-job.yaml: three pods start, for indexes 0, 1 and 2.', zh: '应用 indexed-job.yaml:会为索引 0、1、2 启动三个 Pod。' },
    },
    {
      id: 'complete',
      title: { en: 'Completed indexes 0-4', zh: '已完成索引 0-4' },
      text: {
        en: 'Play the clock. As pods finish, the controller starts the missing indexes 3 and 4. The Job completes when every index has succeeded: `kubectl describe job indexed-job` shows `Completed Indexes: 0-4`.',
        zh: '让时钟运行。有 Pod 结束后,控制器会启动缺少的索引 3 和 4。每个索引都成功后 Job 完成:`kubectl describe job indexed-job` 显示 `Completed Indexes: 0-4`。',
      },
      actions: [],
      check: (v) => isComplete(job(v, 'indexed-job')) && job(v, 'indexed-job')?.status?.completedIndexes === '0-4',
      hint: { en: 'Keep the clock running until all five pods are `Completed`.', zh: '让时钟继续运行,直到五个 Pod 都是 `Completed`。' },
      withinMs: 3 * 60_000,
    },
    {
      id: 'logs',
      title: { en: 'Index 3 reversed qux', zh: '索引 3 反转了 qux' },
      text: {
        en: 'Read the log of the pod with index 3. The pod has two containers, so kubectl says which one it picked (`Defaulted container "worker" out of: worker, input (init)`), then prints `xuq`.',
        zh: '查看索引为 3 的 Pod 的日志。这个 Pod 有两个容器,kubectl 会说明它选了哪一个(`Defaulted container "worker" out of: worker, input (init)`),然后打印 `xuq`。',
      },
      actions: [{ run: `kubectl logs {{pod:job-name=indexed-job,${INDEX}=3}}` }],
      check: (v) => ran(v, /^kubectl logs\b/) && pods(v, `job-name=indexed-job,${INDEX}=3`).some((p) => logsOf(v, p, 'worker').includes('xuq')),
      hint: { en: 'The pod for index 3 is named `indexed-job-3-…`.', zh: '索引 3 的 Pod 名为 `indexed-job-3-…`。' },
    },
  ],
};
