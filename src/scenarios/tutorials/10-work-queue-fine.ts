import { isComplete, isRunning, job, logsOf, named, type PodObject, podsOf, ran } from './checks.ts';
import type { ClusterView, Lesson } from './lesson.ts';
import { JOB_WQ_2, REDIS_POD, REDIS_SERVICE } from './manifests.ts';

const ITEMS = ['apple', 'banana', 'cherry', 'date', 'fig', 'grape', 'lemon', 'melon', 'orange'];

/** The items the job-wq-2 workers say they worked on. */
function workedOn(v: ClusterView): string[] {
  const j = job(v, 'job-wq-2');
  if (!j) return [];
  return podsOf(v, j).flatMap((p) => logsOf(v, p).filter((l) => l.startsWith('Working on ')).map((l) => l.slice('Working on '.length)));
}

export const workQueueFine: Lesson = {
  id: 'work-queue-fine',
  number: 10,
  title: { en: 'Work queue, fine: workers drain a list', zh: '精细工作队列:工作进程清空列表' },
  summary: {
    en: 'A Job without completions: two workers take items from a Redis list until it is empty, and the first to exit successfully ends the Job.',
    zh: '不设置 completions 的 Job:两个工作进程从 Redis 列表中取工作项直到列表为空,第一个成功退出的进程结束整个 Job。',
  },
  source: 'seed 003 “使用工作队列进行精细的并行处理” (job.yaml, worker.py, redis-pod.yaml, redis-service.yaml)',
  start: { seed: 10 },
  steps: [
    {
      id: 'redis',
      title: { en: 'Start Redis', zh: '启动 Redis' },
      text: {
        en: 'A single Redis instance holds the work queue: a list. Create the Redis pod and its Service (`redis`, port 6379).',
        zh: '用一个 Redis 实例保存工作队列:一个列表。创建 Redis Pod 和它的 Service(`redis`,端口 6379)。',
      },
      actions: [
        { load: 'redis-pod.yaml', text: REDIS_POD },
        { load: 'redis-service.yaml', text: REDIS_SERVICE },
        { run: 'kubectl apply -f redis-pod.yaml' },
        { run: 'kubectl apply -f redis-service.yaml' },
      ],
      check: (v) => {
        const redis = named<PodObject>(v, 'Pod', 'redis-master');
        return redis !== undefined && isRunning(redis);
      },
      hint: { en: 'Wait for redis-master to be `Running`.', zh: '等待 redis-master 变成 `Running`。' },
    },
    {
      id: 'temp-pod',
      title: { en: 'A Redis client', zh: 'Redis 客户端' },
      text: {
        en: 'The seed runs `redis-cli` in an interactive pod (`kubectl run -i --tty temp --image redis --command "/bin/sh"`). Here, start the pod with a long `sleep` and use `kubectl exec`.',
        zh: '种子文档在一个交互式 Pod 中运行 `redis-cli`(`kubectl run -i --tty temp --image redis --command "/bin/sh"`)。这里让 Pod 运行一个很长的 `sleep`,再用 `kubectl exec`。',
      },
      actions: [{ run: 'kubectl run temp --image=redis --command -- sleep infinity' }],
      check: (v) => {
        const temp = named<PodObject>(v, 'Pod', 'temp');
        return temp !== undefined && isRunning(temp);
      },
      hint: { en: 'Wait for the temp pod to be `Running`.', zh: '等待 temp Pod 变成 `Running`。' },
    },
    {
      id: 'fill',
      title: { en: 'Nine items', zh: '九个工作项' },
      text: {
        en: 'Push nine items onto the list `job2` (the seed pushes them one by one; `rpush` takes several at once), then list them.',
        zh: '把九个工作项推入列表 `job2`(种子文档逐个推入;`rpush` 也可以一次推入多个),然后列出它们。',
      },
      actions: [
        { run: `kubectl exec temp -- redis-cli -h redis rpush job2 ${ITEMS.join(' ')}` },
        { run: 'kubectl exec temp -- redis-cli -h redis lrange job2 0 -1' },
      ],
      check: (v) => ran(v, /redis-cli .*rpush job2/),
      hint: { en: 'The host name `redis` is the Service created in the first step.', zh: '主机名 `redis` 就是第一步创建的 Service。' },
    },
    {
      id: 'job',
      title: { en: 'Two workers, no completions', zh: '两个工作进程,不设 completions' },
      text: {
        en: '`job-wq-2` sets `parallelism: 2` and no `completions`: a work-queue Job. Each worker leases an item, works on it for ten seconds, marks it done and repeats until the list is empty. The Job controller does not know the queue: it only knows that once one pod has succeeded, the work is done and no new pods are needed.',
        zh: '`job-wq-2` 设置了 `parallelism: 2`,没有设置 `completions`:这是一个工作队列 Job。每个工作进程租用一个工作项,处理十秒,标记完成,然后重复,直到列表为空。Job 控制器并不知道队列的存在:它只知道一旦有一个 Pod 成功结束,工作就完成了,不需要再创建新的 Pod。',
      },
      actions: [{ load: 'job.yaml', text: JOB_WQ_2 }, { run: 'kubectl apply -f job.yaml' }],
      check: (v) => {
        const j = job(v, 'job-wq-2');
        return j !== undefined && podsOf(v, j).length === 2;
      },
      hint: { en: 'Apply job.yaml.', zh: '应用 job.yaml。' },
    },
    {
      id: 'drained',
      title: { en: 'The list is empty', zh: '列表清空了' },
      text: {
        en: 'Play the clock. Both workers share the nine items (about 50 seconds of work), see an empty queue and exit 0. `kubectl get jobs` then shows the Job complete: `COMPLETIONS` for a work queue reads `2/1 of 2`.',
        zh: '让时钟运行。两个工作进程分担九个工作项(大约 50 秒),看到队列为空后以 0 退出。`kubectl get jobs` 随后显示 Job 完成:工作队列 Job 的 `COMPLETIONS` 显示为 `2/1 of 2`。',
      },
      actions: [],
      check: (v) => isComplete(job(v, 'job-wq-2')) && [...workedOn(v)].sort().join(',') === [...ITEMS].sort().join(','),
      hint: { en: 'The workers exit once the list is empty; keep the clock running.', zh: '列表为空后工作进程才会退出;让时钟继续运行。' },
      withinMs: 5 * 60_000,
    },
    {
      id: 'logs',
      title: { en: 'Several items per pod', zh: '每个 Pod 处理多项' },
      text: {
        en: 'Read one worker’s log: unlike the coarse queue, one pod worked on several items.',
        zh: '查看一个工作进程的日志:与粗粒度队列不同,一个 Pod 处理了多个工作项。',
      },
      actions: [{ run: 'kubectl logs {{pod:job-name=job-wq-2}}' }],
      check: (v) => ran(v, /^kubectl logs\b/),
      hint: { en: 'Any `job-wq-2-` pod will do.', zh: '任何一个 `job-wq-2-` Pod 都可以。' },
    },
  ],
};
