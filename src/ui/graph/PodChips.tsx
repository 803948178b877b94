/**
 * A card's pods: one chip per pod (coloured and shaped by STATUS), or, above COLLAPSE_AT pods,
 * a bar of counts per status. Each chip subscribes to its own pod's status only.
 */
import { memo, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectRecord, useClusterStore } from '../state/cluster.ts';
import { useUiStore } from '../state/ui.ts';
import { targetOf } from '../state/targets.ts';
import { COLLAPSE_AT } from './model.ts';
import { statusClass, type StatusClass } from './status.ts';

function openPodMenu(e: MouseEvent, uid: string) {
  e.preventDefault();
  e.stopPropagation();
  const r = useClusterStore.getState().records.get(uid);
  if (r) useUiStore.getState().openMenu(e.clientX, e.clientY, targetOf(r));
}

export const PodChip = memo(function PodChip({ uid }: { uid: string }) {
  const pod = useClusterStore(useShallow((s) => {
    const r = selectRecord(uid)(s);
    return r?.summary.kind === 'Pod' ? { name: r.name, status: r.summary.status, daemon: r.summary.daemon, restarts: r.summary.restarts } : undefined;
  }));
  const selected = useUiStore((s) => s.selected === uid);
  if (!pod) return null;
  const cls = statusClass(pod.status);
  return (
    <button
      type="button"
      className={`pod-chip s-${cls}${selected ? ' selected' : ''}${pod.daemon ? ' daemon' : ''}`}
      title={`pod/${pod.name} · ${pod.status}${pod.restarts ? ` · ${pod.restarts} restarts` : ''}`}
      data-pod={pod.name}
      data-status={pod.status}
      aria-label={`pod ${pod.name} ${pod.status}`}
      onClick={(e) => {
        e.stopPropagation();
        useUiStore.getState().select(uid);
      }}
      onContextMenu={(e) => openPodMenu(e, uid)}
    />
  );
});

function countsOf(ids: readonly string[]) {
  return (s: ReturnType<typeof useClusterStore.getState>) => {
    const counts: Partial<Record<StatusClass, number>> = {};
    for (const uid of ids) {
      const r = s.records.get(uid);
      if (r?.summary.kind === 'Pod') {
        const c = statusClass(r.summary.status);
        counts[c] = (counts[c] ?? 0) + 1;
      }
    }
    return counts;
  };
}

const ORDER: StatusClass[] = ['running', 'pending', 'completed', 'terminating', 'crashloop', 'pull', 'error', 'unknown'];

function PodCounts({ ids }: { ids: readonly string[] }) {
  const counts = useClusterStore(useShallow(countsOf(ids)));
  return (
    <div className="pod-counts" title={`${ids.length} pods (collapsed above ${COLLAPSE_AT})`}>
      <span className="pod-total">{ids.length} pods</span>
      {ORDER.filter((c) => counts[c]).map((c) => (
        <span key={c} className={`count s-${c}`}>
          <i className={`pod-chip s-${c}`} /> {counts[c]}
        </span>
      ))}
    </div>
  );
}

export const PodChips = memo(function PodChips({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return null;
  if (ids.length > COLLAPSE_AT) return <PodCounts ids={ids} />;
  return (
    <div className="pod-chips">
      {ids.map((uid) => (
        <PodChip key={uid} uid={uid} />
      ))}
    </div>
  );
});
