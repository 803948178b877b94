/**
 * A card's pods: one chip per pod (coloured and shaped by STATUS), or counts per status when the
 * card is collapsed. Each chip subscribes to its own pod's status only. Chips appear with a short
 * pop and leave as a fading ghost, so cause and effect stay visible.
 */
import { memo, type MouseEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { type ClusterState, selectRecord, useClusterStore } from '../state/cluster.ts';
import { targetOf } from '../state/targets.ts';
import { useUiStore } from '../state/ui.ts';
import { COLLAPSE_AT } from './model.ts';
import { type StatusClass, statusClass } from './status.ts';

const LEAVE_MS = 700;

function openPodMenu(e: MouseEvent, uid: string) {
  e.preventDefault();
  e.stopPropagation();
  const r = useClusterStore.getState().records.get(uid);
  if (r) useUiStore.getState().openMenu(e.clientX, e.clientY, targetOf(r));
}

export const PodChip = memo(function PodChip({ uid }: { uid: string }) {
  const pod = useClusterStore(
    useShallow((s) => {
      const r = selectRecord(uid)(s);
      return r?.summary.kind === 'Pod' ? { name: r.name, status: r.summary.status, daemon: r.summary.daemon, restarts: r.summary.restarts } : undefined;
    }),
  );
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

/**
 * A card's counts per status, as a selector that scans the pods once per applied batch (records
 * change in place and every batch bumps `version`), however often React asks within it.
 */
function countsOf(ids: readonly string[]) {
  let version = -1;
  let counts: Partial<Record<StatusClass, number>> = {};
  return (s: ClusterState) => {
    if (s.version === version) return counts;
    version = s.version;
    counts = {};
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
  const selectCounts = useMemo(() => countsOf(ids), [ids]);
  const counts = useClusterStore(useShallow(selectCounts));
  return (
    <div className="pod-counts" title={ids.length > COLLAPSE_AT ? `${ids.length} pods (counts above ${COLLAPSE_AT} per card)` : `${ids.length} pods (counts in big clusters)`}>
      <span className="pod-total" data-testid="pod-total">
        {ids.length} pods
      </span>
      {ORDER.filter((c) => counts[c]).map((c) => (
        <span key={c} className={`count s-${c}`}>
          <i className={`pod-chip s-${c}`} /> {counts[c]}
        </span>
      ))}
    </div>
  );
}

/** Pods that just left the card, kept briefly as fading ghosts. */
function useLeaving(ids: readonly string[]): string[] {
  const previous = useRef(ids);
  const [leaving, setLeaving] = useState<string[]>([]);
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  useEffect(() => {
    const now = new Set(ids);
    const gone = previous.current.filter((uid) => !now.has(uid));
    previous.current = ids;
    if (gone.length === 0) return;
    setLeaving((l) => [...l, ...gone]);
    timers.current.push(setTimeout(() => setLeaving((l) => l.filter((uid) => !gone.includes(uid))), LEAVE_MS));
  }, [ids]);
  useEffect(() => () => timers.current.forEach(clearTimeout), []);
  return leaving;
}

function ChipList({ ids }: { ids: readonly string[] }) {
  const leaving = useLeaving(ids);
  return (
    <div className="pod-chips">
      {ids.map((uid) => (
        <PodChip key={uid} uid={uid} />
      ))}
      {leaving.map((uid) => (
        <i key={`gone-${uid}`} className="pod-chip s-terminating leaving" aria-hidden="true" />
      ))}
    </div>
  );
}

export const PodChips = memo(function PodChips({ ids, collapsed }: { ids: readonly string[]; collapsed: boolean }) {
  return collapsed && ids.length > 0 ? <PodCounts ids={ids} /> : <ChipList ids={ids} />;
});
