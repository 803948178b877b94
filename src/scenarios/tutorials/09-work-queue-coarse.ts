import { isComplete, isRunning, job, logsOf, named, type PodObject, pods, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { JOB_WQ_1, RABBITMQ_POD, RABBITMQ_SERVICE } from './manifests.ts';

const BROKER_URL = 'amqp://guest:guest@rabbitmq-service:5672';

export const workQueueCoarse: Lesson = {
  id: 'work-queue-coarse',
  number: 9,
  title: { en: 'Work queue, coarse: one pod per item', zh: '粗粒度工作队列:每个工作项一个 Pod' },
  summary: {
    en: 'Fill a RabbitMQ queue with eight items and let a Job with completions 8 take one item per pod.',
    zh: '向 RabbitMQ 队列放入八个工作项,由 completions 为 8 的 Job 每个 Pod 取走一项。',
  },
  source: 'seed 003 “使用工作队列进行粗粒度并行处理” (job.yaml, rabbitmq-service.yaml)',
  start: { seed: 9 },
  steps: [
    {
      id: 'broker',
      title: { en: 'Start the message queue', zh: '启动消息队列' },
      text: {
        en: 'The Job’s pods take their work from a queue, so start a RabbitMQ broker first: the seed’s `rabbitmq-service.yaml` and the broker pod (the seed uses a StatefulSet of one; kubesim runs its pod template as a Pod). The Service gives the broker the DNS name `rabbitmq-service`. The broker is ready when its log says “Server startup complete”.',
        zh: 'Job 的 Pod 从队列中取工作,所以先启动 RabbitMQ:种子中的 `rabbitmq-service.yaml` 以及消息代理 Pod(种子使用只有一个副本的 StatefulSet;kubesim 以 Pod 的形式运行它的 Pod 模板)。Service 让代理拥有 DNS 名 `rabbitmq-service`。日志显示“Server startup complete”时,代理就就绪了。',
      },
      actions: [
        { load: 'rabbitmq-service.yaml', text: RABBITMQ_SERVICE },
        { load: 'rabbitmq.yaml', text: RABBITMQ_POD },
        { run: 'kubectl create -f rabbitmq-service.yaml' },
        { run: 'kubectl create -f rabbitmq.yaml' },
      ],
      check: (v) => {
        const broker = named<PodObject>(v, 'Pod', 'rabbitmq-0');
        return broker !== undefined && isRunning(broker) && logsOf(v, broker).some((l) => l.includes('Server startup complete'));
      },
      hint: {
        en: 'The pod runs within seconds, but the broker boots for about ten more: wait until `kubectl logs rabbitmq-0` says “Server startup complete”.',
        zh: 'Pod 几秒内就会运行,但消息代理还要再启动十秒左右:等到 `kubectl logs rabbitmq-0` 显示“Server startup complete”。',
      },
    },
    {
      id: 'temp-pod',
      title: { en: 'A pod to talk to the queue from', zh: '一个用来操作队列的 Pod' },
      text: {
        en: 'The seed opens an interactive ubuntu pod (`kubectl run -i --tty temp --image ubuntu:22.04`) and installs `amqp-tools` in it. The terminal here runs one command at a time, so start the pod with a long `sleep` and send it commands with `kubectl exec`.',
        zh: '种子文档打开一个交互式的 ubuntu Pod(`kubectl run -i --tty temp --image ubuntu:22.04`),并在里面安装 `amqp-tools`。这里的终端一次执行一条命令,所以让 Pod 运行一个很长的 `sleep`,再用 `kubectl exec` 向它发送命令。',
      },
      actions: [{ run: 'kubectl run temp --image=ubuntu:22.04 --command -- sleep infinity' }],
      check: (v) => {
        const temp = named<PodObject>(v, 'Pod', 'temp');
        return temp !== undefined && isRunning(temp);
      },
      hint: { en: 'Wait for the temp pod to be `Running`.', zh: '等待 temp Pod 变成 `Running`。' },
    },
    {
      id: 'fill',
      title: { en: 'Eight items in the queue', zh: '队列中的八个工作项' },
      text: {
        en: 'Install the AMQP command-line tools in the pod (as the seed does), declare the queue `job1` and publish eight messages: apple, banana, cherry, date, fig, grape, lemon, melon. Each message is one unit of work. The broker is reached by its Service name, `rabbitmq-service`.',
        zh: '像种子文档那样在 Pod 中安装 AMQP 命令行工具,声明队列 `job1`,并发布八条消息:apple、banana、cherry、date、fig、grape、lemon、melon。每条消息就是一个工作单元。通过 Service 名 `rabbitmq-service` 访问消息代理。',
      },
      actions: [
        { run: 'kubectl exec temp -- sh -c "apt-get update && apt-get install -y curl ca-certificates amqp-tools python3 dnsutils"' },
        { run: `kubectl exec temp -- /usr/bin/amqp-declare-queue --url=${BROKER_URL} -q job1 -d` },
        { run: `kubectl exec temp -- bash -c 'for f in apple banana cherry date fig grape lemon melon; do /usr/bin/amqp-publish --url=${BROKER_URL} -r job1 -p -b $f; done'` },
      ],
      check: (v) => ran(v, /amqp-publish/),
      hint: {
        en: 'The commands run inside the temp pod through `kubectl exec`; the broker needs about ten seconds after it starts before it accepts connections.',
        zh: '这些命令通过 `kubectl exec` 在 temp Pod 中执行;消息代理启动后约十秒才接受连接。',
      },
    },
    {
      id: 'job',
      title: { en: 'One pod per item', zh: '每项一个 Pod' },
      text: {
        en: 'Each pod of `job-wq-1` takes one message with `amqp-consume`, works on it for ten seconds and exits. So the Job needs exactly as many completions as there are messages: `completions: 8`, two pods at a time.',
        zh: '`job-wq-1` 的每个 Pod 用 `amqp-consume` 取一条消息,处理十秒后退出。所以 Job 的完成数必须与消息数相同:`completions: 8`,每次两个 Pod。',
      },
      actions: [{ load: 'job.yaml', text: JOB_WQ_1 }, { run: 'kubectl apply -f job.yaml' }],
      check: (v) => {
        const j = job(v, 'job-wq-1');
        return j !== undefined && podsOf(v, j).length === 2;
      },
      hint: { en: 'Apply job.yaml.', zh: '应用 job.yaml。' },
    },
    {
      id: 'drained',
      title: { en: 'Eight completions', zh: '八次完成' },
      text: {
        en: 'Play the clock: pods come and go, two at a time, until `kubectl get jobs` shows `8/8`. If completions were smaller than the number of messages, some would never be processed; if larger, the last pods would wait for messages that never come.',
        zh: '让时钟运行:Pod 每次两个,来了又走,直到 `kubectl get jobs` 显示 `8/8`。如果完成数小于消息数,有些消息永远不会被处理;如果大于消息数,最后的 Pod 会一直等待不存在的消息。',
      },
      actions: [],
      check: (v) => isComplete(job(v, 'job-wq-1')) && job(v, 'job-wq-1')?.status?.succeeded === 8,
      hint: { en: 'Eight items, ten seconds each, two at a time: about a minute of work.', zh: '八项,每项十秒,每次两个:大约一分钟的工作量。' },
      withinMs: 5 * 60_000,
    },
    {
      id: 'logs',
      title: { en: 'Who did what', zh: '谁处理了什么' },
      text: {
        en: 'Each pod printed the item it processed. Read one pod’s log.',
        zh: '每个 Pod 都打印了它处理的工作项。查看其中一个 Pod 的日志。',
      },
      actions: [{ run: 'kubectl logs {{pod:job-name=job-wq-1}}' }],
      check: (v) => ran(v, /^kubectl logs\b/) && pods(v, 'job-name=job-wq-1').some((p) => logsOf(v, p).some((l) => l.startsWith('Processing '))),
      hint: { en: 'Any of the `job-wq-1-` pods will do.', zh: '任何一个 `job-wq-1-` Pod 都可以。' },
    },
  ],
};
