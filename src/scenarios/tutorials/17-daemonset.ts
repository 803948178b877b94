import { daemonSet, isRunning, isTerminating, logsOf, pods, ran } from './checks.ts';
import type { ClusterView, Lesson } from './lesson.ts';
import { SSD_MONITOR_DAEMONSET } from './manifests.ts';

const monitors = (v: ClusterView) => pods(v, 'app=ssd-monitor');
const runningOn = (v: ClusterView, node: string) => monitors(v).some((p) => p.spec?.nodeName === node && isRunning(p));

export const daemonSetLesson: Lesson = {
  id: 'daemonset',
  number: 17,
  title: { en: 'DaemonSet with a nodeSelector', zh: '带 nodeSelector 的 DaemonSet' },
  summary: {
    en: 'Run one pod on every node with disk=ssd: label a node and a pod appears; change the label and it goes.',
    zh: '在每个带有 disk=ssd 标签的节点上运行一个 Pod:给节点打标签,Pod 出现;改掉标签,Pod 消失。',
  },
  source: 'seed 001 “Kubernetes 实战 —— 04” §“使用 DaemonSet 在每个节点上运行一个 pod” (ssd-monitor-daemonset.yaml); seed 004 §“DaemonSet”',
  start: { seed: 17 },
  steps: [
    {
      id: 'create',
      title: { en: 'A DaemonSet for SSD nodes', zh: '面向 SSD 节点的 DaemonSet' },
      text: {
        en: 'A DaemonSet has no replica count: it runs one pod per eligible node. `ssd-monitor` prints “SSD OK” every five seconds and, through `nodeSelector: disk: ssd`, is meant only for nodes labelled `disk=ssd`. No node has that label yet, so `kubectl get daemonsets` shows 0 everywhere and there are no pods.',
        zh: 'DaemonSet 没有副本数的概念:它在每个符合条件的节点上运行一个 Pod。`ssd-monitor` 每五秒打印一次“SSD OK”,并通过 `nodeSelector: disk: ssd` 只面向带有 `disk=ssd` 标签的节点。目前还没有节点带这个标签,所以 `kubectl get daemonsets` 全是 0,也没有 Pod。',
      },
      actions: [{ load: 'ssd-monitor-daemonset.yaml', text: SSD_MONITOR_DAEMONSET }, { run: 'kubectl create -f ssd-monitor-daemonset.yaml' }],
      check: (v) => daemonSet(v, 'ssd-monitor') !== undefined && monitors(v).length === 0,
      hint: { en: 'Create the DaemonSet from the loaded file.', zh: '用加载的文件创建 DaemonSet。' },
    },
    {
      id: 'label-node',
      title: { en: 'Label a node disk=ssd', zh: '给节点打上 disk=ssd 标签' },
      text: {
        en: 'The seed labels its third node (`minikube-m03`); here that is `worker-3`. The DaemonSet controller notices a node that now matches and creates a pod for it, bound to that node.',
        zh: '种子文档给第三个节点(`minikube-m03`)打标签;这里对应的是 `worker-3`。DaemonSet 控制器发现有节点现在符合条件,就为它创建一个绑定到该节点的 Pod。',
      },
      actions: [{ run: 'kubectl label node worker-3 disk=ssd' }],
      check: (v) => runningOn(v, 'worker-3'),
      hint: { en: 'The pod needs a few seconds to pull its image and start.', zh: 'Pod 需要几秒钟拉取镜像并启动。' },
    },
    {
      id: 'logs',
      title: { en: 'SSD OK', zh: 'SSD OK' },
      text: {
        en: 'Read the monitor’s log after a few seconds.',
        zh: '几秒钟后查看监控程序的日志。',
      },
      actions: [{ run: 'kubectl logs {{pod:app=ssd-monitor}}' }],
      check: (v) => ran(v, /^kubectl logs\b/) && monitors(v).some((p) => logsOf(v, p).includes('SSD OK')),
      hint: { en: 'It prints every five seconds; let a little time pass.', zh: '它每五秒打印一次;让时间走一会儿。' },
    },
    {
      id: 'relabel',
      title: { en: 'Change the label', zh: '修改标签' },
      text: {
        en: 'Overwrite the label with `disk=hdd`. The node no longer matches the nodeSelector, so the DaemonSet deletes its pod there (`Terminating`, then gone).',
        zh: '把标签覆盖为 `disk=hdd`。节点不再匹配 nodeSelector,DaemonSet 就删除该节点上的 Pod(先 `Terminating`,然后消失)。',
      },
      actions: [{ run: 'kubectl label node worker-3 disk=hdd --overwrite' }],
      check: (v) => monitors(v).every(isTerminating),
      hint: { en: '`--overwrite` is needed to change an existing label.', zh: '修改已有标签需要 `--overwrite`。' },
    },
    {
      id: 'new-node',
      title: { en: 'A new SSD node', zh: '新的 SSD 节点' },
      text: {
        en: 'When a matching node joins the cluster, the DaemonSet deploys a pod to it right away. Add a node that comes with the label.',
        zh: '当一个符合条件的节点加入集群时,DaemonSet 会立刻在上面部署一个 Pod。添加一个自带该标签的节点。',
      },
      actions: [{ run: 'sim node add worker-4 --label disk=ssd' }],
      check: (v) => runningOn(v, 'worker-4'),
      hint: { en: 'Give the new node a few seconds to become Ready.', zh: '给新节点几秒钟变成 Ready。' },
    },
  ],
};
