/**
 * A placement-graph card: a node — name, Ready/NotReady, power, cordon, labels (draggable chips, a
 * drop target for others), taints (striped chips), capacity bars (cpu and memory requested, pods)
 * — holding its pods; or the Unscheduled lane with the scheduler's FailedScheduling reason.
 * A powered-off node is hatched and greyed.
 */
import { type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectRecord, useClusterStore } from '../state/cluster.ts';
import { targetOf } from '../state/targets.ts';
import { useUiStore } from '../state/ui.ts';
import { useCardPods } from './graphStore.ts';
import { LabelChip, useLabelDrop } from './LabelChip.tsx';
import { visibleNodeLabels } from './model.ts';
import { PodChips } from './PodChips.tsx';
import type { FlowCard } from './flow.ts';

function UnscheduledLane({ collapsed, height, width }: { collapsed: boolean; height: number; width: number }) {
  const podIds = useCardPods('unscheduled');
  const reason = useClusterStore((s) => {
    for (const uid of podIds) {
      const r = s.records.get(uid);
      if (r?.summary.kind === 'Pod' && r.summary.unschedulable) return r.summary.unschedulable;
    }
    return undefined;
  });
  return (
    <div className={`card card-lane${podIds.length === 0 ? ' empty' : ''}`} style={{ height, width }} data-testid="lane-unscheduled">
      <div className="card-head">
        <span className="kind">lane</span>
        <span className="name">Unscheduled</span>
        <span className="muted small">{podIds.length === 0 ? 'every pod has a node' : `${podIds.length} pending`}</span>
      </div>
      {podIds.length > 0 ? (
        <div className="lane-reason" title={reason}>
          {reason ? (
            <>
              <b>FailedScheduling</b> {reason}
            </>
          ) : (
            <span className="muted">Waiting for the scheduler…</span>
          )}
        </div>
      ) : null}
      {podIds.length > 0 ? <PodChips ids={podIds} collapsed={collapsed} /> : null}
    </div>
  );
}

function Capacity({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return (
    <div className="cap" title={`${label}: ${text}`}>
      <span className="cap-label">{label}</span>
      <span className="bar">
        <span className={`bar-fill${pct > 90 ? ' hot' : pct > 70 ? ' warm' : ''}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="cap-text">{text}</span>
    </div>
  );
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const mem = (b: number) => (b === 0 ? '0' : b >= GiB ? `${(b / GiB).toFixed(b % GiB === 0 ? 0 : 1)}Gi` : `${Math.round(b / MiB)}Mi`);
const cpu = (m: number) => (m % 1000 === 0 ? String(m / 1000) : `${m}m`);

/** cpu and memory requested by the node's running pods (terminal ones hold nothing). */
function useRequested(podIds: readonly string[]) {
  return useClusterStore(
    useShallow((s) => {
      let cpuMilli = 0;
      let memBytes = 0;
      for (const uid of podIds) {
        const p = s.records.get(uid);
        if (p?.summary.kind !== 'Pod' || p.summary.phase === 'Succeeded' || p.summary.phase === 'Failed') continue;
        cpuMilli += p.summary.cpuMilli;
        memBytes += p.summary.memBytes;
      }
      return { cpuMilli, memBytes };
    }),
  );
}

function Node({ data }: { data: FlowCard['data'] }) {
  const { id, collapsed, height, width } = data;
  const podIds = useCardPods(id);
  const r = useClusterStore(selectRecord(id));
  const requested = useRequested(podIds);
  const selected = useUiStore((s) => s.selected === id);
  const highlighted = useUiStore((s) => s.highlighted.has(id));
  const drop = useLabelDrop(id);
  if (!r || r.summary.kind !== 'Node') return null;
  const s = r.summary;
  const labels = visibleNodeLabels(r.labels);
  return (
    <div
      className={`card card-node${s.ready ? '' : ' not-ready'}${s.poweredOff ? ' powered-off' : ''}${selected ? ' selected' : ''}${highlighted ? ' highlighted' : ''}${drop.over ? ' drop-target' : ''}`}
      style={{ height, width }}
      data-testid="card-Node"
      data-name={r.name}
      onContextMenu={(e) => {
        e.preventDefault();
        useUiStore.getState().openMenu(e.clientX, e.clientY, targetOf(r));
      }}
      {...drop.props}
    >
      <div className="card-head">
        <span className="kind">{s.role.includes('control-plane') ? 'control plane' : 'node'}</span>
        <span className="name">{r.name}</span>
        {s.poweredOff ? (
          <span className="badge off" data-testid="node-power" title="Powered off (sim node fail): recover it from its menu">
            ⏻ off
          </span>
        ) : null}
        {s.cordoned ? (
          <span className="badge warn" title="SchedulingDisabled (cordoned)">
            ⊘ cordoned
          </span>
        ) : null}
        <span className={`badge ${s.ready ? 'good' : 'bad'}`} data-testid="node-status">
          {s.ready ? 'Ready' : 'NotReady'}
        </span>
      </div>
      {labels.length > 0 ? (
        <div className="chips-line">
          {labels.map(([k, v]) => (
            <LabelChip key={k} k={k} v={v} />
          ))}
        </div>
      ) : null}
      {s.taints.length > 0 ? (
        <div className="chips-line">
          {s.taints.map((t) => (
            <span key={t} className="taint-chip" title={`taint ${t}`}>
              {t}
            </span>
          ))}
        </div>
      ) : null}
      <div className="capacity">
        <Capacity label="cpu" used={requested.cpuMilli} total={s.cpuAllocatableMilli} text={`${cpu(requested.cpuMilli)} / ${cpu(s.cpuAllocatableMilli)}`} />
        <Capacity label="mem" used={requested.memBytes} total={s.memAllocatableBytes} text={`${mem(requested.memBytes)} / ${mem(s.memAllocatableBytes)}`} />
        <Capacity label="pods" used={podIds.length} total={s.podCapacity} text={`${podIds.length} / ${s.podCapacity}`} />
      </div>
      {podIds.length > 0 ? <PodChips ids={podIds} collapsed={collapsed} /> : <div className="no-pods muted">no pods</div>}
    </div>
  );
}

export const NodeCard = memo(function NodeCard({ data }: NodeProps<FlowCard>) {
  if (data.kind === 'Unscheduled') return <UnscheduledLane collapsed={data.collapsed} height={data.height} width={data.width} />;
  return <Node data={data} />;
});
