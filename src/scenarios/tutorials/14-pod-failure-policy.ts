import { eventCount, eventsAbout, hasCondition, isComplete, isFailed, isRunning, job, node, podsOf, ran } from './checks.ts';
import type { Lesson } from './lesson.ts';
import { CONFIG_ISSUE_PATCH, POD_FAILURE_POLICY_CONFIG_ISSUE, POD_FAILURE_POLICY_FAILJOB, POD_FAILURE_POLICY_IGNORE } from './manifests.ts';

const FAILJOB = 'job-pod-failure-policy-failjob';
const IGNORE = 'job-pod-failure-policy-ignore';
const CONFIG = 'job-pod-failure-policy-config-issue';

export const podFailurePolicy: Lesson = {
  id: 'pod-failure-policy',
  number: 14,
  title: { en: 'podFailurePolicy', zh: 'Pod 失效策略 podFailurePolicy' },
  summary: {
    en: 'Fail a Job at once on a known bug (exit 42), ignore disruptions such as a node drain, and fail on a custom pod condition.',
    zh: '遇到已知缺陷(退出码 42)时立即让 Job 失败,忽略节点腾空之类的干扰,并根据自定义 Pod 状况让 Job 失败。',
  },
  source: 'seed 003 “使用 Pod 失效策略处理可重试和不可重试的 Pod 失效” (three walkthroughs)',
  // One worker, so "the node the pods run on" is always worker-1, as in the seed's single-node drain.
  start: {
    seed: 14,
    nodes: [
      { name: 'control-plane', role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      { name: 'worker-1', role: 'worker' },
    ],
  },
  steps: [
    {
      id: 'failjob',
      title: { en: 'Exit code 42 means a bug', zh: '退出码 42 表示程序缺陷' },
      text: {
        en: 'Retrying a pod that fails because of a software bug only wastes time. The first Job’s pods print a message, sleep 30 seconds and exit 42; its `podFailurePolicy` has one rule: `FailJob` when container `main` exits with a code `In [42]`.',
        zh: '因为软件缺陷而失败的 Pod,重试只是浪费时间。第一个 Job 的 Pod 打印一条消息,睡眠 30 秒后以 42 退出;它的 `podFailurePolicy` 只有一条规则:容器 `main` 的退出码 `In [42]` 时执行 `FailJob`。',
      },
      actions: [{ load: `${FAILJOB}.yaml`, text: POD_FAILURE_POLICY_FAILJOB }, { run: `kubectl create -f ${FAILJOB}.yaml` }],
      check: (v) => {
        const j = job(v, FAILJOB);
        return j !== undefined && podsOf(v, j).length === 2;
      },
      hint: { en: 'Create the Job from the loaded file.', zh: '用加载的文件创建 Job。' },
    },
    {
      id: 'failed-at-once',
      title: { en: 'Failed after the first exit', zh: '第一次退出后就失败' },
      text: {
        en: 'About 30 seconds later the first pod exits 42. The rule matches: the Job gets `FailureTarget`, then `Failed`, both with reason `PodFailurePolicy` and the message “Container main for pod … failed with exit code 42 matching FailJob rule at index 0”. Without the policy, `backoffLimit: 6` would have retried six times.',
        zh: '大约 30 秒后,第一个 Pod 以 42 退出。规则匹配:Job 先得到 `FailureTarget`,然后是 `Failed`,原因都是 `PodFailurePolicy`,消息为“Container main for pod … failed with exit code 42 matching FailJob rule at index 0”。如果没有这个策略,`backoffLimit: 6` 会让它重试六次。',
      },
      actions: [],
      check: (v) => isFailed(job(v, FAILJOB), 'PodFailurePolicy'),
      hint: { en: 'The pods sleep 30 s before exiting; keep the clock running.', zh: 'Pod 退出前会睡眠 30 秒;让时钟继续运行。' },
    },
    {
      id: 'inspect-and-delete',
      title: { en: 'Read the status, clean up', zh: '查看状态,然后清理' },
      text: {
        en: 'Look at the conditions in the Job’s status, then delete it.',
        zh: '查看 Job 状态中的状况,然后删除它。',
      },
      actions: [{ run: `kubectl get jobs -l job-name=${FAILJOB} -o yaml` }, { run: `kubectl delete jobs/${FAILJOB}` }],
      check: (v) => ran(v, /^kubectl get jobs? .*-o yaml/) && job(v, FAILJOB) === undefined,
      hint: { en: 'Both commands are in the step.', zh: '两条命令都在这一步中。' },
    },
    {
      id: 'ignore',
      title: { en: 'Disruptions are not failures', zh: '干扰不是失败' },
      text: {
        en: 'The second Job has `backoffLimit: 0`: any counted failure fails it. Its rule `Ignore` on the pod condition `DisruptionTarget` says that a pod stopped by a disruption (an eviction, a drain, preemption) does not count. Create it and wait until both pods run.',
        zh: '第二个 Job 设置了 `backoffLimit: 0`:只要有一次计入的失败,它就会失败。它的规则对 Pod 状况 `DisruptionTarget` 执行 `Ignore`:因干扰(驱逐、腾空节点、抢占)而停止的 Pod 不计为失败。创建它,等待两个 Pod 都运行起来。',
      },
      actions: [{ load: `${IGNORE}.yaml`, text: POD_FAILURE_POLICY_IGNORE }, { run: `kubectl create -f ${IGNORE}.yaml` }],
      check: (v) => {
        const j = job(v, IGNORE);
        return j !== undefined && podsOf(v, j).filter(isRunning).length === 2;
      },
      hint: { en: 'The pods must be running for the drain to disrupt them.', zh: 'Pod 必须处于运行状态,腾空节点才会干扰到它们。' },
    },
    {
      id: 'drain',
      title: { en: 'Drain the node', zh: '腾空节点' },
      text: {
        en: 'The seed finds the pods’ node with `kubectl get pods -l job-name=… -o jsonpath=\'{.items[0].spec.nodeName}\'`; in this one-worker cluster it is `worker-1`. Drain it while the pods work (they need 90 seconds): kubectl cordons the node and evicts the pods, which get the condition `DisruptionTarget`.\n\nThe Job does not fail. Its replacement pods wait in `Pending`: the only worker is cordoned.',
        zh: '种子文档用 `kubectl get pods -l job-name=… -o jsonpath=\'{.items[0].spec.nodeName}\'` 找到 Pod 所在的节点;在这个只有一个工作节点的集群里就是 `worker-1`。趁 Pod 还在工作(需要 90 秒)腾空它:kubectl 会封锁节点并驱逐 Pod,Pod 得到 `DisruptionTarget` 状况。\n\nJob 不会失败。它的替代 Pod 停在 `Pending`:唯一的工作节点被封锁了。',
      },
      actions: [{ run: 'kubectl drain worker-1 --ignore-daemonsets --grace-period=0' }],
      check: (v) => {
        const j = job(v, IGNORE);
        return (
          node(v, 'worker-1')?.spec?.unschedulable === true &&
          j !== undefined &&
          !isFailed(j) &&
          (j.status?.failed ?? 0) === 0 &&
          eventCount(eventsAbout(v, 'Job', IGNORE, 'SuccessfulCreate')) >= 3 &&
          podsOf(v, j).some((p) => p.spec?.nodeName === undefined)
        );
      },
      hint: { en: 'Drain while the pods are still running (within 90 s of their start).', zh: '在 Pod 仍在运行时(启动后 90 秒内)腾空节点。' },
    },
    {
      id: 'uncordon',
      title: { en: 'Uncordon, and the Job recovers', zh: '解除封锁,Job 恢复' },
      text: {
        en: 'Make the node schedulable again. The pending pods start, work their 90 seconds, and the Job completes its four completions as if nothing had happened. Without the `Ignore` rule the eviction would have failed the whole Job (`backoffLimit: 0`).',
        zh: '让节点重新可调度。Pending 的 Pod 启动,工作 90 秒,Job 完成全部四次,就像什么都没发生过。如果没有 `Ignore` 规则,驱逐会让整个 Job 失败(`backoffLimit: 0`)。',
      },
      actions: [{ run: 'kubectl uncordon worker-1' }],
      check: (v) => isComplete(job(v, IGNORE)) && (job(v, IGNORE)?.status?.failed ?? 0) === 0,
      hint: { en: 'Four completions, two at a time, 90 s each: about three minutes.', zh: '四次完成,每次两个,每个 90 秒:大约三分钟。' },
      withinMs: 6 * 60_000,
    },
    {
      id: 'config-issue',
      title: { en: 'A pod that can never start', zh: '永远无法启动的 Pod' },
      text: {
        en: 'The third Job names an image that does not exist. Its pods stay `Pending` in `ErrImagePull` / `ImagePullBackOff`: the kubelet keeps retrying, because a missing image could be a temporary problem. Only you know it is not.',
        zh: '第三个 Job 使用了一个不存在的镜像。它的 Pod 停在 `Pending`,处于 `ErrImagePull` / `ImagePullBackOff`:kubelet 会一直重试,因为镜像缺失可能只是暂时的。只有你知道它不是。',
      },
      actions: [{ load: `${CONFIG}.yaml`, text: POD_FAILURE_POLICY_CONFIG_ISSUE }, { run: `kubectl create -f ${CONFIG}.yaml` }],
      check: (v) => {
        const j = job(v, CONFIG);
        return (
          j !== undefined &&
          podsOf(v, j).some((p) => (p.status?.containerStatuses ?? []).some((c) => ['ErrImagePull', 'ImagePullBackOff'].includes(c.state?.waiting?.reason ?? '')))
        );
      },
      hint: { en: 'The image pull fails after a moment; play the clock.', zh: '镜像拉取过一会儿就会失败;让时钟运行。' },
    },
    {
      id: 'mark',
      title: { en: 'Mark it with a custom condition', zh: '用自定义状况标记它' },
      text: {
        en: 'Record what you know as a pod condition `ConfigIssue`: `patch.yaml` adds it through the pod’s status subresource (the seed fills the time with `$(date …)`; the editor holds a fixed one). In production a controller of yours would do this.',
        zh: '把你知道的情况记录为 Pod 状况 `ConfigIssue`:`patch.yaml` 通过 Pod 的 status 子资源添加它(种子文档用 `$(date …)` 填时间;编辑器里是一个固定时间)。在生产环境中,这一步应由你自己的控制器完成。',
      },
      actions: [
        { load: 'patch.yaml', text: CONFIG_ISSUE_PATCH },
        { run: `kubectl patch pod {{pod:job-name=${CONFIG}}} --subresource=status --patch-file=patch.yaml` },
      ],
      check: (v) => {
        const j = job(v, CONFIG);
        return j !== undefined && podsOf(v, j).some((p) => hasCondition(p, 'ConfigIssue'));
      },
      hint: { en: 'Patch one of the Job’s pods, with `--subresource=status`.', zh: '对 Job 的一个 Pod 打补丁,加上 `--subresource=status`。' },
    },
    {
      id: 'fail-on-condition',
      title: { en: 'Delete it, and the Job fails', zh: '删除它,Job 随之失败' },
      text: {
        en: 'Delete the marked pod. A deleted pending pod ends in phase `Failed`, keeping its conditions; the rule `FailJob` on `ConfigIssue` matches and the Job fails with reason `PodFailurePolicy`: “Pod default/… has condition ConfigIssue matching FailJob rule at index 0”.',
        zh: '删除被标记的 Pod。被删除的 Pending Pod 会以 `Failed` 阶段结束,并保留它的状况;针对 `ConfigIssue` 的 `FailJob` 规则匹配,Job 以原因 `PodFailurePolicy` 失败:“Pod default/… has condition ConfigIssue matching FailJob rule at index 0”。',
      },
      actions: [{ run: `kubectl delete pods/{{pod:job-name=${CONFIG}}}` }],
      check: (v) => isFailed(job(v, CONFIG), 'PodFailurePolicy'),
      hint: { en: 'Delete the pod you patched (the first one by name).', zh: '删除你打过补丁的那个 Pod(按名字排序的第一个)。' },
    },
  ],
};
