import { isComplete, job, logsOf, named, pods, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { HEADLESS_SERVICE_AND_JOB } from './manifests.ts';

export const podToPod: Lesson = {
  id: 'pod-to-pod',
  number: 12,
  title: { en: 'Pod-to-pod communication in a Job', zh: 'Job 中的 Pod 间通信' },
  summary: {
    en: 'A headless Service and an Indexed Job give each pod a stable DNS name, example-job-N.headless-svc, so the pods can find each other.',
    zh: '无头 Service 加索引 Job,让每个 Pod 拥有稳定的 DNS 名 example-job-N.headless-svc,Pod 之间可以互相找到。',
  },
  source: 'seed 003 “带 Pod 间通信的 Job”',
  start: { seed: 12 },
  steps: [
    {
      id: 'create',
      title: { en: 'A headless Service and an Indexed Job', zh: '无头 Service 与索引 Job' },
      text: {
        en: 'An Indexed Job sets each pod’s hostname to `<job name>-<index>`. A headless Service (`clusterIP: None`) selecting the Job’s pods, named as the pods’ `subdomain`, makes DNS answer for `example-job-0.headless-svc` and so on. Each of the three pods pings all three names and exits once every ping worked. Both objects are in one file.',
        zh: '索引 Job 会把每个 Pod 的主机名设为 `<Job 名>-<索引>`。一个选中这些 Pod 的无头 Service(`clusterIP: None`),其名字作为 Pod 的 `subdomain`,就能让 DNS 解析 `example-job-0.headless-svc` 等名字。三个 Pod 都会 ping 这三个名字,全部 ping 通后退出。两个对象写在同一个文件里。',
      },
      actions: [{ load: 'job-pod-to-pod.yaml', text: HEADLESS_SERVICE_AND_JOB }, { run: 'kubectl apply -f job-pod-to-pod.yaml' }],
      check: (v) => {
        const j = job(v, 'example-job');
        return named(v, 'Service', 'headless-svc') !== undefined && j !== undefined && podsOf(v, j).length === 3;
      },
      hint: { en: 'Apply the file: it creates the Service and the Job.', zh: '应用这个文件:它会创建 Service 和 Job。' },
    },
    {
      id: 'complete',
      title: { en: 'Everyone reached everyone', zh: '所有 Pod 互相连通' },
      text: {
        en: 'Play the clock. A pod that starts first cannot reach peers that do not exist yet and retries every second; once all three are running, the pings succeed and the Job completes.',
        zh: '让时钟运行。先启动的 Pod 还连不上尚未存在的同伴,每秒重试一次;三个都运行后,ping 全部成功,Job 完成。',
      },
      actions: [],
      check: (v) => isComplete(job(v, 'example-job')),
      hint: { en: 'Keep the clock running.', zh: '让时钟继续运行。' },
      withinMs: 3 * 60_000,
    },
    {
      id: 'logs',
      title: { en: 'The pings', zh: 'ping 的结果' },
      text: {
        en: 'Read the log of the pod with index 0: perhaps a few “Failed to ping pod … retrying in 1 second...”, then “Successfully pinged pod” for example-job-0, -1 and -2.',
        zh: '查看索引 0 的 Pod 的日志:可能先有几行“Failed to ping pod … retrying in 1 second...”,然后是对 example-job-0、-1、-2 的“Successfully pinged pod”。',
      },
      actions: [{ run: 'kubectl logs {{pod:job-name=example-job,batch.kubernetes.io/job-completion-index=0}}' }],
      check: (v) =>
        ran(v, /^kubectl logs\b/) &&
        pods(v, 'job-name=example-job').some((p) => logsOf(v, p).includes('Successfully pinged pod: example-job-2.headless-svc')),
      hint: { en: 'The pod for index 0 is named `example-job-0-…`.', zh: '索引 0 的 Pod 名为 `example-job-0-…`。' },
    },
  ],
};
