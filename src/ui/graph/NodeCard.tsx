/** A placement-graph card: a node (status, cordon, taints, labels, capacity) holding its pods. */
import { type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectRecord, useClusterStore } from '../state/cluster.ts';
import { targetOf } from '../state/targets.ts';
import { useUiStore } from '../state/ui.ts';
import { PodChips } from './PodChips.tsx';
import type { FlowCard } from './flow.ts';

const HIDDEN_LABEL = /^(kubernetes\.io\/(hostname|os|arch)|beta\.kubernetes\.io\/|node-role\.kubernetes\.io\/)/;

function UnscheduledLane({ podIds }: { podIds: readonly string[] }) {
  const reason = useClusterStore((s) => {
    for (const uid of podIds) {
      const r = s.records.get(uid);
      if (r?.summary.kind === 'Pod' && r.summary.unschedulable) return r.summary.unschedulable;
    }
    return undefined;
  });
  return (
    <div className="card card-lane" data-testid="lane-unscheduled">
      <div className="card-head">
        <span className="kind">lane</span>
        <span className="name">Unscheduled</span>
        <span className="ns">{podIds.length}</span>
      </div>
      {reason ? (
        <div className="lane-reason" title={reason}>
          <b>FailedScheduling</b> {reason}
        </div>
      ) : (
        <div className="lane-reason muted">{podIds.length === 0 ? 'Every pod has a node.' : 'Waiting for the scheduler…'}</div>
      )}
      <PodChips ids={podIds} />
    </div>
  );
}

export const NodeCard = memo(function NodeCard({ data }: NodeProps<FlowCard>) {
  const { id, podIds } = data;
  const r = useClusterStore(selectRecord(id));
  const cpuUsed = useClusterStore(
    useShallow((s) => podIds.reduce((n, uid) => {
      const p = s.records.get(uid);
      return n + (p?.summary.kind === 'Pod' && p.summary.phase !== 'Succeeded' && p.summary.phase !== 'Failed' ? p.summary.cpuMilli : 0);
    }, 0)),
  );
  const selected = useUiStore((s) => s.selected === id);
  const highlighted = useUiStore((s) => s.highlighted.has(id));
  if (data.kind === 'Unscheduled') return <UnscheduledLane podIds={podIds} />;
  if (!r || r.summary.kind !== 'Node') return null;
  const s = r.summary;
  const labels = Object.entries(r.object.metadata.labels ?? {}).filter(([k]) => !HIDDEN_LABEL.test(k));
  const running = podIds.length;
  return (
    <div
      className={`card card-node${s.ready ? '' : ' not-ready'}${selected ? ' selected' : ''}${highlighted ? ' highlighted' : ''}`}
      data-testid="card-Node"
      data-name={r.name}
      onContextMenu={(e) => {
        e.preventDefault();
        useUiStore.getState().openMenu(e.clientX, e.clientY, targetOf(r));
      }}
    >
      <div className="card-head">
        <span className="kind">node</span>
        <span className="name">{r.name}</span>
        <span className={`badge ${s.ready ? 'good' : 'bad'}`} data-testid="node-status">
          {s.ready ? 'Ready' : 'NotReady'}
        </span>
        {s.cordoned ? (
          <span className="badge warn" title="SchedulingDisabled (cordoned)">
            ⊘ cordoned
          </span>
        ) : null}
      </div>
      <div className="chips-line">
        {labels.map(([k, v]) => (
          <span key={k} className="label-chip" title={`${k}=${v}`}>
            {k}={v}
          </span>
        ))}
        {s.taints.map((t) => (
          <span key={t} className="taint-chip" title={`taint ${t}`}>
            {t}
          </span>
        ))}
      </div>
      <div className="capacity">
        <span title="CPU requested / allocatable">
          cpu <meter min={0} max={s.cpuAllocatableMilli || 1} value={cpuUsed} /> {(cpuUsed / 1000).toFixed(2)}/{s.cpuAllocatableMilli / 1000}
        </span>
        <span title="pods / capacity">
          pods <meter min={0} max={s.podCapacity} value={running} /> {running}/{s.podCapacity}
        </span>
      </div>
      <PodChips ids={podIds} />
    </div>
  );
});
