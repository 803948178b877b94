import { isPodFailed, isRunning, job, podsOf, ran, restarts } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { BATCH_JOB, BATCH_JOB_ALWAYS, BATCH_JOB_NEVER } from './manifests.ts';

export const restartPolicy: Lesson = {
  id: 'restart-policy',
  number: 7,
  title: { en: 'restartPolicy: OnFailure vs Never', zh: 'restartPolicy:OnFailure 与 Never' },
  summary: {
    en: 'Why a Job cannot use Always, and what OnFailure and Never do when a container fails.',
    zh: '为什么 Job 不能用 Always,以及容器失败时 OnFailure 和 Never 分别怎么处理。',
  },
  source: 'seed 000 “k8s job机制初探” §5; seed 001 batch-job.yaml (“Job 不能使用 Always 为默认的重启策略”)',
  start: { seed: 7 },
  steps: [
    {
      id: 'always-rejected',
      title: { en: 'Always is rejected', zh: 'Always 会被拒绝' },
      text: {
        en: 'A pod’s `restartPolicy` defaults to `Always`: restart the container whenever it stops, even after success. A Job waits for its pods to finish, so the API server accepts only `OnFailure` or `Never` in a Job’s template (leaving the field out counts as `Always`). Apply the batch-job with `restartPolicy: Always` and read the error.',
        zh: 'Pod 的 `restartPolicy` 默认是 `Always`:容器一停止就重启,即使它成功了。Job 要等待 Pod 结束,所以 API 服务器只接受 Job 模板中的 `OnFailure` 或 `Never`(不写这个字段就等于 `Always`)。应用 `restartPolicy: Always` 的 batch-job,看看报错。',
      },
      actions: [{ load: 'batch-job-always.yaml', text: BATCH_JOB_ALWAYS }, { run: 'kubectl apply -f batch-job-always.yaml', fails: true }],
      check: (v) => ran(v, /^kubectl (apply|create) -f batch-job-always\.yaml/) && job(v, 'batch-job') === undefined,
      hint: {
        en: 'The expected answer is an error: `spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`.',
        zh: '预期结果就是报错:`spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`。',
      },
    },
    {
      id: 'on-failure',
      title: { en: 'OnFailure', zh: 'OnFailure' },
      text: {
        en: 'The book’s `batch-job.yaml` uses `OnFailure`. Apply it and wait for the pod to run.',
        zh: '书中的 `batch-job.yaml` 使用 `OnFailure`。应用它,等待 Pod 运行。',
      },
      actions: [{ load: 'batch-job.yaml', text: BATCH_JOB }, { run: 'kubectl apply -f batch-job.yaml' }],
      check: (v) => {
        const j = job(v, 'batch-job');
        return j !== undefined && podsOf(v, j).some(isRunning);
      },
      hint: { en: 'Play the clock until the pod is `Running`.', zh: '让时钟运行,直到 Pod 变成 `Running`。' },
    },
    {
      id: 'restart-in-place',
      title: { en: 'A crash restarts the container in place', zh: '崩溃后在原地重启容器' },
      text: {
        en: 'Make the container crash with exit code 1 (`sim pod exit` is the simulator’s way to do it; in the UI, the pod’s “exit” action). With `OnFailure` the kubelet restarts the container inside the same pod: `kubectl get pods` shows the same name with `RESTARTS 1`. Each restart also counts towards the Job’s `backoffLimit`.',
        zh: '让容器以退出码 1 崩溃(`sim pod exit` 是模拟器的做法;在界面中是 Pod 的“退出”操作)。使用 `OnFailure` 时,kubelet 在同一个 Pod 里重启容器:`kubectl get pods` 显示同一个名字,`RESTARTS 1`。每次重启也计入 Job 的 `backoffLimit`。',
      },
      actions: [{ run: 'sim pod exit -l job-name=batch-job --code 1' }],
      check: (v) => {
        const j = job(v, 'batch-job');
        return j !== undefined && podsOf(v, j).length === 1 && restarts(podsOf(v, j)[0]!) >= 1;
      },
      hint: { en: 'The container must be running when it is made to exit.', zh: '让容器退出时,它必须正在运行。' },
    },
    {
      id: 'never',
      title: { en: 'Never', zh: 'Never' },
      text: {
        en: 'Now the same Job with `restartPolicy: Never`. Delete the OnFailure Job, apply the Never variant, and wait for its pod to run.',
        zh: '现在换成 `restartPolicy: Never` 的同一个 Job。删除 OnFailure 的 Job,应用 Never 版本,等待 Pod 运行。',
      },
      actions: [
        { run: 'kubectl delete job batch-job' },
        { load: 'batch-job-never.yaml', text: BATCH_JOB_NEVER },
        { run: 'kubectl apply -f batch-job-never.yaml' },
      ],
      check: (v) => {
        const j = job(v, 'batch-job');
        return j?.spec?.template.spec?.restartPolicy === 'Never' && podsOf(v, j).some(isRunning);
      },
      hint: { en: 'Delete the old Job first: a Job’s pod template cannot be changed in place.', zh: '先删除旧的 Job:Job 的 Pod 模板不能原地修改。' },
    },
    {
      id: 'new-pod',
      title: { en: 'A crash means a new pod', zh: '崩溃意味着新的 Pod' },
      text: {
        en: 'Crash it again. With `Never` the kubelet leaves the container stopped: the pod ends `Error` (phase `Failed`). The Job controller counts one failure and, after a 10-second backoff, creates a new pod with a new name.',
        zh: '再让它崩溃一次。使用 `Never` 时 kubelet 不会重启容器:Pod 以 `Error` 结束(phase 为 `Failed`)。Job 控制器记一次失败,经过 10 秒退避后,创建一个新名字的新 Pod。',
      },
      actions: [{ run: 'sim pod exit -l job-name=batch-job --code 1' }],
      check: (v) => {
        const j = job(v, 'batch-job');
        return j !== undefined && (j.status?.failed ?? 0) >= 1 && podsOf(v, j).length === 2 && podsOf(v, j).some(isPodFailed);
      },
      hint: { en: 'The replacement appears about 10 s after the failure.', zh: '替代的 Pod 会在失败约 10 秒后出现。' },
    },
  ],
};
