import { controllerOf, isNodeReady, isRunning, isTerminating, list, type NodeObject, pods } from './checks.ts';
import type { ClusterView, Lesson } from './lesson.ts';
import { KUBIA_DEPLOYMENT } from './manifests.ts';

const nodes = (v: ClusterView) => list<NodeObject>(v, 'Node');
const notReady = (v: ClusterView) => nodes(v).filter((n) => !isNodeReady(n));
const cordoned = (v: ClusterView) => nodes(v).filter((n) => n.spec?.unschedulable);
const healthyKubia = (v: ClusterView) => pods(v, 'app=kubia').filter((p) => isRunning(p) && controllerOf(p)?.kind === 'ReplicaSet');

export const nodeFailure: Lesson = {
  id: 'node-failure',
  number: 18,
  title: { en: 'Node failure and drain', zh: '节点故障与腾空' },
  summary: {
    en: 'A node dies: the Deployment’s pods are replaced elsewhere, a bare pod is lost. Then drain a node on purpose and bring it back.',
    zh: '节点宕机:Deployment 的 Pod 在别处被替换,直接创建的 Pod 则丢失了。然后有计划地腾空一个节点,再让它恢复。',
  },
  source: 'seed 001 “Kubernetes 实战 —— 04” §“应对节点故障”, §“存活探测器小结” (Pod A vs Pod B); seed 003 (kubectl drain / uncordon)',
  start: { seed: 18 },
  steps: [
    {
      id: 'deploy',
      title: { en: 'Pods with and without a controller', zh: '有控制器与没有控制器的 Pod' },
      text: {
        en: 'Create the kubia Deployment (pod B in the book’s picture: managed) and a bare pod, `kubia-manual`, created directly (pod A: nobody watches over it).',
        zh: '创建 kubia Deployment(书中图里的 Pod B:受管理),以及一个直接创建的裸 Pod `kubia-manual`(Pod A:没有任何东西看管它)。',
      },
      actions: [
        { load: 'kubia-deployment.yaml', text: KUBIA_DEPLOYMENT },
        { run: 'kubectl create -f kubia-deployment.yaml' },
        { run: 'kubectl run kubia-manual --image=idealism/kubia --port=8080' },
      ],
      check: (v) => healthyKubia(v).length === 3 && pods(v, 'run=kubia-manual').some(isRunning),
      hint: { en: 'Wait for the four pods to be `Running`.', zh: '等待四个 Pod 都变成 `Running`。' },
    },
    {
      id: 'fail',
      title: { en: 'Power off a node', zh: '关闭一个节点' },
      text: {
        en: 'The seed takes a node’s network down (`sudo ifconfig eth0 down` inside minikube); here, fail the node that runs `kubia-manual`. Its kubelet stops reporting. Once 40 seconds have passed since its last heartbeat, the node lifecycle controller marks the node `NotReady` (conditions `Unknown`) and taints it `node.kubernetes.io/unreachable`. The pods on it still look `Running`: nothing has told the control plane otherwise.',
        zh: '种子文档关闭了节点的网络(在 minikube 中执行 `sudo ifconfig eth0 down`);这里让运行 `kubia-manual` 的节点故障。它的 kubelet 停止上报。距它最后一次心跳满 40 秒后,节点生命周期控制器把节点标记为 `NotReady`(状况为 `Unknown`),并加上污点 `node.kubernetes.io/unreachable`。节点上的 Pod 看起来仍是 `Running`:没有任何信息告诉控制平面事实并非如此。',
      },
      actions: [{ run: 'sim node fail {{node:run=kubia-manual}}' }],
      check: (v) => notReady(v).length === 1,
      hint: { en: 'Play the clock: NotReady comes after the node’s grace period.', zh: '让时钟运行:超过节点宽限期后才会变成 NotReady。' },
    },
    {
      id: 'evicted',
      title: { en: 'Five minutes later', zh: '五分钟之后' },
      text: {
        en: 'Every pod tolerates the `unreachable` taint for 300 seconds (a default toleration), in case the node comes back. Then the pods on the dead node are marked for deletion; they stay `Terminating` because no kubelet is there to confirm. The Deployment sees fewer matching pods than desired and creates replacements on healthy nodes. `kubia-manual` is not replaced: no controller owns it.',
        zh: '每个 Pod 默认容忍 `unreachable` 污点 300 秒,以防节点恢复。之后,宕机节点上的 Pod 被标记删除;因为没有 kubelet 确认,它们一直停在 `Terminating`。Deployment 发现匹配的 Pod 少于期望值,就在健康节点上创建替代 Pod。`kubia-manual` 不会被替换:没有控制器拥有它。',
      },
      actions: [],
      check: (v) => {
        const dead = new Set(notReady(v).map((n) => n.metadata.name));
        return (
          healthyKubia(v).length === 3 &&
          healthyKubia(v).every((p) => !dead.has(p.spec?.nodeName ?? '')) &&
          pods(v, 'run=kubia-manual').length === 1 &&
          pods(v, 'run=kubia-manual').every(isTerminating)
        );
      },
      hint: { en: 'The eviction happens 300 s after the node became NotReady; try 10× speed.', zh: '驱逐发生在节点变成 NotReady 之后 300 秒;试试 10 倍速。' },
      withinMs: 8 * 60_000,
    },
    {
      id: 'recover',
      title: { en: 'The node comes back', zh: '节点恢复' },
      text: {
        en: 'Bring the node back. Its kubelet reports again, finds pods marked for deletion and finishes them: the old kubia pods and `kubia-manual` are gone for good. Pods are never moved: a replacement is a new pod.',
        zh: '让节点恢复。它的 kubelet 重新上报,发现已被标记删除的 Pod 并完成删除:旧的 kubia Pod 和 `kubia-manual` 永久消失了。Pod 永远不会被迁移:替代者是一个全新的 Pod。',
      },
      actions: [{ run: 'sim node recover {{node:run=kubia-manual}}' }],
      check: (v) => notReady(v).length === 0 && pods(v, 'run=kubia-manual').length === 0 && pods(v, 'app=kubia').length === 3,
      hint: { en: 'Give the kubelet a few seconds to report and clean up.', zh: '给 kubelet 几秒钟上报并清理。' },
    },
    {
      id: 'drain',
      title: { en: 'Drain a node for maintenance', zh: '为维护腾空节点' },
      text: {
        en: 'Planned maintenance is gentler: `kubectl drain` first cordons the node (`SchedulingDisabled`: no new pods), then evicts its pods through the Eviction API, respecting disruption budgets. The Deployment replaces them on the other nodes. `--ignore-daemonsets` lets the drain proceed past DaemonSet pods, which would come straight back.',
        zh: '计划内的维护要温和得多:`kubectl drain` 先封锁节点(`SchedulingDisabled`:不再调度新 Pod),再通过 Eviction API 驱逐上面的 Pod,并遵守干扰预算。Deployment 会在其他节点上替换它们。`--ignore-daemonsets` 让腾空操作跳过 DaemonSet 的 Pod(它们会立刻回来)。',
      },
      actions: [{ run: 'kubectl drain {{node:app=kubia}} --ignore-daemonsets' }],
      check: (v) => {
        const off = new Set(cordoned(v).map((n) => n.metadata.name));
        return off.size === 1 && healthyKubia(v).length === 3 && healthyKubia(v).every((p) => !off.has(p.spec?.nodeName ?? ''));
      },
      hint: { en: 'Drained pods terminate with their 30-second grace period.', zh: '被驱逐的 Pod 有 30 秒的终止宽限期。' },
    },
    {
      id: 'uncordon',
      title: { en: 'Back in service', zh: '恢复服务' },
      text: {
        en: 'Uncordon the node. It accepts new pods again; existing pods are not moved back.',
        zh: '解除节点封锁。它重新接受新的 Pod;已有的 Pod 不会被移回来。',
      },
      actions: [{ run: 'kubectl uncordon {{cordoned-node}}' }],
      check: (v) => cordoned(v).length === 0,
      hint: { en: 'Run `kubectl uncordon` with the drained node’s name.', zh: '用被腾空节点的名字运行 `kubectl uncordon`。' },
    },
  ],
};
