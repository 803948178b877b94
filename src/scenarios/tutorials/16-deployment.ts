import { type EventObject, controllerOf, deployment, eventCount, isRunning, pods } from './checks.ts';
import type { ClusterView, Lesson } from './lesson.ts';
import { KUBIA_DEPLOYMENT } from './manifests.ts';

/** Running kubia pods managed by the Deployment's ReplicaSet (not on their way out). */
const managed = (v: ClusterView) => pods(v, 'app=kubia').filter((p) => isRunning(p) && controllerOf(p)?.kind === 'ReplicaSet');

/** Pods the kubia ReplicaSets have created so far. */
const created = (v: ClusterView) =>
  eventCount((v.events() as EventObject[]).filter((e) => e.involvedObject?.kind === 'ReplicaSet' && e.involvedObject.name?.startsWith('kubia-') && e.reason === 'SuccessfulCreate'));

export const deploymentLesson: Lesson = {
  id: 'deployment',
  number: 16,
  title: { en: 'Deployment: self-healing, labels, scale', zh: 'Deployment:自愈、标签与伸缩' },
  summary: {
    en: 'A Deployment keeps the number of pods matching its selector: replace a deleted pod, relabel pods in and out of its scope, scale it.',
    zh: 'Deployment 让匹配选择器的 Pod 数量保持不变:替换被删除的 Pod,通过改标签让 Pod 进出它的管理范围,以及伸缩。',
  },
  source: 'seed 001 “Kubernetes 实战 —— 04” §“了解 Deployment” … §“水平缩放 pod” (kubia-deployment.yaml)',
  start: { seed: 16 },
  steps: [
    {
      id: 'create',
      title: { en: 'Three replicas', zh: '三个副本' },
      text: {
        en: 'A Deployment has three parts: a label selector (`app=kubia`: which pods are its own), a replica count (3) and a pod template. It manages pods through a ReplicaSet, which is why the pod names have two random parts: `kubia-<template hash>-<5 characters>`. Create it and wait for three `Running` pods.',
        zh: 'Deployment 由三部分组成:标签选择器(`app=kubia`:哪些 Pod 属于它)、副本数(3)和 Pod 模板。它通过 ReplicaSet 管理 Pod,所以 Pod 名有两段随机部分:`kubia-<模板哈希>-<5 个字符>`。创建它,等待三个 `Running` 的 Pod。',
      },
      actions: [{ load: 'kubia-deployment.yaml', text: KUBIA_DEPLOYMENT }, { run: 'kubectl create -f kubia-deployment.yaml' }],
      check: (v) => managed(v).length === 3,
      hint: { en: 'Play the clock until `kubectl get pods` shows three pods `Running`.', zh: '让时钟运行,直到 `kubectl get pods` 显示三个 `Running` 的 Pod。' },
    },
    {
      id: 'self-healing',
      title: { en: 'Delete a pod', zh: '删除一个 Pod' },
      text: {
        en: 'Delete one of the pods (`--wait=false` returns at once instead of waiting until the pod is gone). The controller does not react to the deletion itself but to the state that results: fewer matching pods than desired. So `kubectl get pods` shows four for a while: the old one `Terminating` during its 30-second grace period, a new one already `ContainerCreating`.',
        zh: '删除其中一个 Pod(`--wait=false` 让命令立即返回,而不是等到 Pod 消失)。控制器并不是对删除操作本身作出反应,而是对由此产生的状态:匹配的 Pod 数少于期望值。所以 `kubectl get pods` 会有一段时间显示四个:旧的在 30 秒宽限期内处于 `Terminating`,新的已经在 `ContainerCreating`。',
      },
      actions: [{ run: 'kubectl delete pod {{pod:app=kubia}} --wait=false' }, { run: 'kubectl get pods' }],
      check: (v) => created(v) >= 4 && managed(v).length === 3,
      hint: { en: 'The replacement needs a few seconds to start.', zh: '替代的 Pod 需要几秒钟启动。' },
    },
    {
      id: 'extra-label',
      title: { en: 'An extra label changes nothing', zh: '多一个标签不影响管理' },
      text: {
        en: 'Add a label to one pod. The Deployment only cares whether a pod has every label its selector asks for, so the pod stays managed: `kubectl get pods --show-labels`.',
        zh: '给一个 Pod 加上标签。Deployment 只关心 Pod 是否具有选择器要求的所有标签,所以这个 Pod 仍然受它管理:`kubectl get pods --show-labels`。',
      },
      actions: [{ run: 'kubectl label pod {{pod:app=kubia}} type=special' }],
      check: (v) => pods(v, 'type=special').some((p) => controllerOf(p)?.kind === 'ReplicaSet') && managed(v).length === 3,
      hint: { en: 'Label any of the kubia pods with `type=special`.', zh: '给任意一个 kubia Pod 加上 `type=special` 标签。' },
    },
    {
      id: 'out-of-scope',
      title: { en: 'Relabel a pod out of scope', zh: '改标签让 Pod 离开管理范围' },
      text: {
        en: 'Now overwrite the special pod’s `app` label. It no longer matches `app=kubia`: the ReplicaSet releases it (removes its `ownerReferences`) and, one matching pod short, creates a new one. The released pod keeps running on its own.',
        zh: '现在覆盖这个特殊 Pod 的 `app` 标签。它不再匹配 `app=kubia`:ReplicaSet 释放它(移除它的 `ownerReferences`),并因为少了一个匹配的 Pod 而创建一个新的。被释放的 Pod 会独自继续运行。',
      },
      actions: [{ run: 'kubectl label pod {{pod:type=special}} app=foo --overwrite' }],
      check: (v) => pods(v, 'app=foo').some((p) => controllerOf(p) === undefined && isRunning(p)) && managed(v).length === 3,
      hint: { en: '`--overwrite` is needed to change an existing label.', zh: '修改已有标签需要 `--overwrite`。' },
    },
    {
      id: 'scale',
      title: { en: 'Scale to ten', zh: '扩容到十个' },
      text: {
        en: 'Of the three parts, only the replica count changes existing pods. Scale the Deployment to ten replicas.',
        zh: '三部分中只有副本数的变化会影响现有的 Pod。把 Deployment 扩容到十个副本。',
      },
      actions: [{ run: 'kubectl scale deployment kubia --replicas=10' }],
      check: (v) => managed(v).length === 10,
      hint: { en: 'Seven new pods need to be scheduled and started.', zh: '需要调度并启动七个新的 Pod。' },
    },
    {
      id: 'delete',
      title: { en: 'Delete the Deployment', zh: '删除 Deployment' },
      text: {
        en: 'Deleting the Deployment deletes its ReplicaSet and, through it, its pods. The pod relabelled `app=foo` belongs to nobody, so it survives.',
        zh: '删除 Deployment 会删除它的 ReplicaSet,并由此删除它的 Pod。改成 `app=foo` 的 Pod 不属于任何控制器,所以会保留下来。',
      },
      actions: [{ run: 'kubectl delete deployment kubia' }],
      check: (v) => deployment(v, 'kubia') === undefined && pods(v, 'app=kubia').length === 0 && pods(v, 'app=foo').length === 1,
      hint: { en: 'The pods terminate with a 30-second grace period.', zh: 'Pod 终止有 30 秒的宽限期。' },
    },
  ],
};
