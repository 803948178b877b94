/**
 * `kubectl describe node` (describeNode, describeNodeLease and describeNodeResource in
 * staging/src/k8s.io/kubectl/pkg/describe/describe.go, in our words): identity, taints, the
 * heartbeat Lease, conditions, addresses, capacity, system info, the non-terminated pods with
 * their requests and limits as a share of allocatable, the allocated totals, and events (those
 * recorded against the node's UID and those recorded against its name).
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { type Event, type Node, type Pod, age, formatCpu, formatDescribeTime, formatMemory, milli, parseQuantity, parseTime } from '../../engine/index.ts';
import { type DescribeContext, DescribeWriter, LEVEL_0, LEVEL_1, registerDescriber, writeAnnotations, writeEvents, writeLabels } from './describe.ts';
import { writeMultiline } from './describePod.ts';
import { nodeRoles } from './node.ts';

const time = (t: string | undefined | null): string => {
  const ms = parseTime(t ?? undefined);
  return ms === undefined ? '<unset>' : formatDescribeTime(ms);
};

/** `key=value:Effect`, sorted by effect then key (printNodeTaintsMultiline). */
export function formatTaints(taints: readonly Taint[] | undefined): string[] {
  return [...(taints ?? [])]
    .sort((a, b) => {
      const ka = `${a.effect},${a.key}`;
      const kb = `${b.effect},${b.key}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    })
    .map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
}

/** Sorted resource names, the standard ones (cpu, memory, ephemeral-storage) first as upstream's SortableResourceNames. */
function resourceNames(list: Record<string, unknown> | undefined): string[] {
  return Object.keys(list ?? {}).sort();
}

interface Totals {
  cpuReq: number;
  cpuLim: number;
  memReq: number;
  memLim: number;
  storageReq: number;
  storageLim: number;
}

/** Requests and limits of a pod: the larger of the containers' sum and any init container (PodRequestsAndLimits). */
export function podRequestsAndLimits(pod: Pod): Totals {
  const t: Totals = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, storageReq: 0, storageLim: 0 };
  const add = (c: { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }, combine: (a: number, b: number) => number) => {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    t.cpuReq = combine(t.cpuReq, milli(r.cpu as string | undefined));
    t.cpuLim = combine(t.cpuLim, milli(l.cpu as string | undefined));
    t.memReq = combine(t.memReq, parseQuantity(r.memory as string | undefined) ?? 0);
    t.memLim = combine(t.memLim, parseQuantity(l.memory as string | undefined) ?? 0);
    t.storageReq = combine(t.storageReq, parseQuantity(r['ephemeral-storage'] as string | undefined) ?? 0);
    t.storageLim = combine(t.storageLim, parseQuantity(l['ephemeral-storage'] as string | undefined) ?? 0);
  };
  for (const c of pod.spec?.containers ?? []) add(c, (a, b) => a + b);
  for (const c of pod.spec?.initContainers ?? []) add(c, Math.max);
  return t;
}

const percent = (part: number, whole: number): number => (whole > 0 ? Math.trunc((part / whole) * 100) : 0);
const cpu = (m: number): string => formatCpu(m / 1000);

function writeNodeResources(w: DescribeWriter, node: Node, pods: Pod[], nowMs: number): void {
  const alloc = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status!.allocatable! : (node.status?.capacity ?? {});
  const allocCpu = milli(alloc.cpu as string | undefined);
  const allocMem = parseQuantity(alloc.memory as string | undefined) ?? 0;
  const allocStorage = parseQuantity(alloc['ephemeral-storage'] as string | undefined) ?? 0;
  w.line(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)`);
  w.line(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---');
  const total: Totals = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, storageReq: 0, storageLim: 0 };
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    for (const k of Object.keys(total) as (keyof Totals)[]) total[k] += r[k];
    w.line(
      LEVEL_1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cpu(r.cpuReq)} (${percent(r.cpuReq, allocCpu)}%)\t${cpu(r.cpuLim)} (${percent(r.cpuLim, allocCpu)}%)\t${formatMemory(r.memReq)} (${percent(r.memReq, allocMem)}%)\t${formatMemory(r.memLim)} (${percent(r.memLim, allocMem)}%)\t${age(pod.metadata.creationTimestamp, nowMs)}`,
    );
  }
  w.line(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(LEVEL_1, 'Resource\tRequests\tLimits');
  w.line(LEVEL_1, '--------\t--------\t------');
  w.line(LEVEL_1, `cpu\t${cpu(total.cpuReq)} (${percent(total.cpuReq, allocCpu)}%)\t${cpu(total.cpuLim)} (${percent(total.cpuLim, allocCpu)}%)`);
  w.line(LEVEL_1, `memory\t${formatMemory(total.memReq)} (${percent(total.memReq, allocMem)}%)\t${formatMemory(total.memLim)} (${percent(total.memLim, allocMem)}%)`);
  w.line(LEVEL_1, `ephemeral-storage\t${formatMemory(total.storageReq)} (${percent(total.storageReq, allocStorage)}%)\t${formatMemory(total.storageLim)} (${percent(total.storageLim, allocStorage)}%)`);
  for (const hp of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) w.line(LEVEL_1, `${hp}\t0 (0%)\t0 (0%)`);
}

/** Events about the node: by its UID (controllers) and by its name (the kubelet), as upstream merges them. */
function nodeEvents(ctx: DescribeContext, node: Node): Event[] {
  const all = ctx.client.list<Event>('Event', { fieldSelector: `involvedObject.kind=Node,involvedObject.name=${node.metadata.name}` });
  return all
    .filter((e) => !e.involvedObject.uid || e.involvedObject.uid === node.metadata.uid || e.involvedObject.uid === node.metadata.name)
    .map((e, i) => ({ e, i, t: parseTime(e.lastTimestamp ?? e.firstTimestamp) ?? 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

export function describeNode(node: Node, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const roles = nodeRoles(node);
  w.line(LEVEL_0, `Name:\t${node.metadata.name}`);
  w.line(LEVEL_0, `Roles:\t${roles}`);
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, 'Annotations', node.metadata.annotations);
  w.line(LEVEL_0, `CreationTimestamp:\t${time(node.metadata.creationTimestamp)}`);
  writeMultiline(w, 'Taints', formatTaints(node.spec?.taints));
  w.line(LEVEL_0, `Unschedulable:\t${node.spec?.unschedulable === true}`);
  const lease = ctx.client.nodeLease?.(node.metadata.name);
  if (lease) {
    w.line(LEVEL_0, 'Lease:');
    w.line(LEVEL_1, `HolderIdentity:\t${lease.holderIdentity}`);
    w.line(LEVEL_1, 'AcquireTime:\t<unset>');
    w.line(LEVEL_1, `RenewTime:\t${formatDescribeTime(lease.renewTimeMs)}`);
  } else {
    w.line(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found`);
  }
  const conditions = node.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.line(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage');
    w.line(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of conditions) w.line(LEVEL_1, `${c.type} \t${c.status} \t${time(c.lastHeartbeatTime)} \t${time(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`);
  }
  w.line(LEVEL_0, 'Addresses:');
  for (const a of node.status?.addresses ?? []) w.line(LEVEL_1, `${a.type}:\t${a.address}`);
  for (const [title, list] of [['Capacity', node.status?.capacity], ['Allocatable', node.status?.allocatable]] as const) {
    if (Object.keys(list ?? {}).length === 0) continue;
    w.line(LEVEL_0, `${title}:`);
    for (const r of resourceNames(list)) w.line(LEVEL_0, `  ${r}:\t${String(list![r])}`);
  }
  const info = node.status?.nodeInfo;
  w.line(LEVEL_0, 'System Info:');
  const infoLines: [string, string | undefined][] = [
    ['Machine ID', info?.machineID],
    ['System UUID', info?.systemUUID],
    ['Boot ID', info?.bootID],
    ['Kernel Version', info?.kernelVersion],
    ['OS Image', info?.osImage],
    ['Operating System', info?.operatingSystem],
    ['Architecture', info?.architecture],
    ['Container Runtime Version', info?.containerRuntimeVersion],
    ['Kubelet Version', info?.kubeletVersion],
    ['Kube-Proxy Version', info?.kubeProxyVersion],
  ];
  for (const [k, v] of infoLines) w.line(LEVEL_0, `  ${k}:\t${v ?? ''}`);
  if (node.spec?.podCIDR) w.line(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}`);
  if ((node.spec?.podCIDRs ?? []).length > 0) w.line(LEVEL_0, `PodCIDRs:\t${node.spec!.podCIDRs!.join(',')}`);
  if (node.spec?.providerID) w.line(LEVEL_0, `ProviderID:\t${node.spec.providerID}`);
  const pods = ctx.client
    .list<Pod>('Pod', { fieldSelector: `spec.nodeName=${node.metadata.name},status.phase!=Succeeded,status.phase!=Failed` });
  writeNodeResources(w, node, pods, ctx.nowMs);
  if (ctx.showEvents) writeEvents(w, nodeEvents(ctx, node), ctx.nowMs);
  return w.toString();
}

registerDescriber('Node', (obj, ctx) => describeNode(obj as unknown as Node, ctx));
