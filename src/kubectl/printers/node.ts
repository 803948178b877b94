/** `kubectl get nodes` columns (printNode): STATUS from the Ready condition plus SchedulingDisabled, ROLES from labels. */
import { type Node, age } from '../../engine/index.ts';
import { registerTablePrinter, orNone } from './table.ts';

export function nodeStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [!ready ? 'Unknown' : ready.status === 'True' ? 'Ready' : 'NotReady'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

registerTablePrinter('Node', {
  columns: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wide: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  row(obj, ctx) {
    const node = obj as unknown as Node;
    const addr = (type: string) => node.status?.addresses?.find((a) => a.type === type)?.address;
    const info = node.status?.nodeInfo;
    return {
      cells: [node.metadata.name, nodeStatus(node), nodeRoles(node), age(node.metadata.creationTimestamp, ctx.nowMs), info?.kubeletVersion ?? ''],
      wide: [orNone(addr('InternalIP')), orNone(addr('ExternalIP')), info?.osImage ?? '<unknown>', info?.kernelVersion ?? '<unknown>', info?.containerRuntimeVersion ?? '<unknown>'],
    };
  },
});
