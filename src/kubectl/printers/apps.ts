/**
 * `kubectl get` columns for Deployment, ReplicaSet, DaemonSet and ControllerRevision
 * (printDeployment, printReplicaSet, printDaemonSet, printControllerRevision in
 * pkg/printers/internalversion/printers.go, in our words). `-o wide` adds the containers, their
 * images and the selector.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { type ControllerRevision, type DaemonSet, type Deployment, type ReplicaSet, age, controllerRef, formatLabelSelector, formatLabels } from '../../engine/index.ts';
import { registerTablePrinter } from './table.ts';

/** CONTAINERS, IMAGES and SELECTOR cells (layoutContainerCells + FormatLabelSelector). */
export function workloadWideCells(template: PodTemplateSpec | undefined, selector: LabelSelector | undefined): string[] {
  const containers = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), formatLabelSelector(selector)];
}

const WIDE = ['CONTAINERS', 'IMAGES', 'SELECTOR'];

registerTablePrinter('Deployment', {
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wide: WIDE,
  row(obj, ctx) {
    const d = obj as unknown as Deployment;
    const s = d.status ?? {};
    return {
      cells: [d.metadata.name, `${s.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0), age(d.metadata.creationTimestamp, ctx.nowMs)],
      wide: workloadWideCells(d.spec?.template, d.spec?.selector),
    };
  },
});

registerTablePrinter('ReplicaSet', {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wide: WIDE,
  row(obj, ctx) {
    const rs = obj as unknown as ReplicaSet;
    return {
      cells: [rs.metadata.name, String(rs.spec?.replicas ?? 0), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), age(rs.metadata.creationTimestamp, ctx.nowMs)],
      wide: workloadWideCells(rs.spec?.template, rs.spec?.selector),
    };
  },
});

registerTablePrinter('DaemonSet', {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wide: WIDE,
  row(obj, ctx) {
    const ds = obj as unknown as DaemonSet;
    const s = ds.status;
    return {
      cells: [
        ds.metadata.name,
        String(s?.desiredNumberScheduled ?? 0),
        String(s?.currentNumberScheduled ?? 0),
        String(s?.numberReady ?? 0),
        String(s?.updatedNumberScheduled ?? 0),
        String(s?.numberAvailable ?? 0),
        formatLabels(ds.spec?.template?.spec?.nodeSelector),
        age(ds.metadata.creationTimestamp, ctx.nowMs),
      ],
      wide: workloadWideCells(ds.spec?.template, ds.spec?.selector),
    };
  },
});

/** `daemonset.apps/name` for a controller owner reference, `<none>` without one. */
export function controllerName(obj: { metadata: { ownerReferences?: { apiVersion: string; kind: string; name: string; controller?: boolean }[] } }): string {
  const ref = controllerRef(obj as never);
  if (!ref) return '<none>';
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.slice(0, ref.apiVersion.indexOf('/')) : '';
  return `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}`;
}

registerTablePrinter('ControllerRevision', {
  columns: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  row(obj, ctx) {
    const cr = obj as unknown as ControllerRevision;
    return { cells: [cr.metadata.name, controllerName(cr), String(cr.revision ?? 0), age(cr.metadata.creationTimestamp, ctx.nowMs)] };
  },
});
