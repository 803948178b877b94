/** An ownership-graph card: a controller object (or a namespace's unowned pods) and its pods. */
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { ObjectRecord } from '../../worker/protocol.ts';
import { selectRecord, useClusterStore } from '../state/cluster.ts';
import { targetOf } from '../state/targets.ts';
import { useUiStore } from '../state/ui.ts';
import { PodChips } from './PodChips.tsx';
import type { FlowCard } from './flow.ts';

const SHORT: Record<string, string> = { CronJob: 'cronjob', Job: 'job', Deployment: 'deploy', ReplicaSet: 'rs', DaemonSet: 'ds', StatefulSet: 'sts', Pods: 'pods' };

function Bar({ value, max, cls, label }: { value: number; max: number; cls: string; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <div className="bar" title={label} aria-label={label}>
      <div className={`bar-fill ${cls}`} style={{ width: `${pct}%` }} />
    </div>
  );
}

function JobDetails({ r }: { r: ObjectRecord }) {
  if (r.summary.kind !== 'Job') return null;
  const s = r.summary;
  const final = s.conditions.find((c) => (c.type === 'Complete' || c.type === 'Failed' || c.type === 'Suspended') && c.status === 'True');
  return (
    <div className="card-details">
      <div className="row">
        <strong data-testid="job-progress">{`${s.succeeded}/${s.completions ?? 1}`}</strong>
        <Bar value={s.succeeded} max={s.completions ?? 1} cls="ok" label={`${s.succeeded} of ${s.completions ?? 1} completions succeeded`} />
      </div>
      <div className="row small">
        <span title="active pods vs parallelism">active {s.active}/{s.parallelism}</span>
        <span title="failed pods vs backoffLimit" className={s.failed > 0 ? 'warn' : ''}>
          failed {s.failed}/{s.backoffLimit}
        </span>
        {final ? <span className={`badge ${final.type === 'Failed' ? 'bad' : final.type === 'Complete' ? 'good' : ''}`} title={final.message}>{final.reason ?? final.type}</span> : s.suspended ? <span className="badge">Suspended</span> : null}
      </div>
    </div>
  );
}

function CronJobDetails({ r }: { r: ObjectRecord }) {
  if (r.summary.kind !== 'CronJob') return null;
  const s = r.summary;
  return (
    <div className="card-details">
      <div className="row small">
        <code>{s.schedule}</code>
        {s.suspended ? <span className="badge">suspended</span> : <span>active {s.active}</span>}
      </div>
      <div className="row small muted" title={s.nextRuns.join('\n')}>
        {s.invalid ? <span className="warn">{s.invalid}</span> : s.nextRuns[0] ? `next ${s.nextRuns[0].slice(11, 19)}` : 'no next run'}
      </div>
    </div>
  );
}

function WorkloadDetails({ r }: { r: ObjectRecord }) {
  if (r.summary.kind !== 'Workload') return null;
  const s = r.summary;
  return (
    <div className="card-details">
      <div className="row small">
        <span>
          ready {s.ready}/{s.desired}
        </span>
        <Bar value={s.ready} max={s.desired} cls="ok" label={`${s.ready} of ${s.desired} ready`} />
      </div>
    </div>
  );
}

function CardBody({ id, kind }: { id: string; kind: string }) {
  const r = useClusterStore(selectRecord(id));
  if (kind === 'Pods') {
    return (
      <div className="card-head">
        <span className="kind">pods</span>
        <span className="name">no controller</span>
        <span className="ns">{id.slice('orphans:'.length)}</span>
      </div>
    );
  }
  if (!r) return null;
  return (
    <>
      <div className="card-head">
        <span className="kind">{SHORT[kind] ?? kind}</span>
        <span className="name" title={`${kind.toLowerCase()}/${r.name}`}>
          {r.name}
        </span>
        {r.namespace && r.namespace !== 'default' ? <span className="ns">{r.namespace}</span> : null}
      </div>
      {kind === 'Job' ? <JobDetails r={r} /> : kind === 'CronJob' ? <CronJobDetails r={r} /> : <WorkloadDetails r={r} />}
    </>
  );
}

export const OwnerCard = memo(function OwnerCard({ data }: NodeProps<FlowCard>) {
  const { id, kind, podIds } = data;
  const selected = useUiStore((s) => s.selected === id);
  const highlighted = useUiStore((s) => s.highlighted.has(id));
  return (
    <div
      className={`card card-${kind.toLowerCase()}${selected ? ' selected' : ''}${highlighted ? ' highlighted' : ''}`}
      data-testid={`card-${kind}`}
      data-name={useClusterStore((s) => s.records.get(id)?.name ?? id)}
      onContextMenu={(e) => {
        const r = useClusterStore.getState().records.get(id);
        if (!r) return;
        e.preventDefault();
        useUiStore.getState().openMenu(e.clientX, e.clientY, targetOf(r));
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <CardBody id={id} kind={kind} />
      <PodChips ids={podIds} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
