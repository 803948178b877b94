/**
 * An ownership-graph card: a controller object (or a namespace's unowned pods) and its pods.
 * Jobs show succeeded/completions, active vs parallelism, failed vs backoffLimit, the back-off
 * countdown while replacements are held back, and the final condition with its reason. CronJobs
 * show the schedule in words and the next three runs. Workloads show ready vs desired.
 */
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { ObjectRecord } from '../../worker/protocol.ts';
import { selectRecord, useClusterStore } from '../state/cluster.ts';
import { targetOf } from '../state/targets.ts';
import { useUiStore } from '../state/ui.ts';
import { formatElapsed } from '../timeline/time.ts';
import { useCardPods } from './graphStore.ts';
import { PodChips } from './PodChips.tsx';
import type { FlowCard } from './flow.ts';

const SHORT: Record<string, string> = { CronJob: 'cronjob', Job: 'job', Deployment: 'deploy', ReplicaSet: 'rs', DaemonSet: 'ds', StatefulSet: 'sts', Pods: 'pods' };

function Bar({ value, max, cls, label }: { value: number; max: number; cls: string; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <span className="bar" title={label} aria-label={label}>
      <span className={`bar-fill ${cls}`} style={{ width: `${pct}%` }} />
    </span>
  );
}

/** Seconds until `untilMs` in virtual time (re-renders with the clock only while it is shown). */
function Countdown({ untilMs }: { untilMs: number }) {
  const left = useClusterStore((s) => Math.max(0, Math.ceil((untilMs - s.simNowMs) / 1000)));
  return <span className="badge warn" title="The Job controller waits 10 s × 2^(failures−1) before it replaces failed pods">⟳ back-off {left}s</span>;
}

function JobDetails({ r }: { r: ObjectRecord }) {
  if (r.summary.kind !== 'Job') return null;
  const s = r.summary;
  const completions = s.completions ?? 1;
  // The final condition, else the interim one 1.31+ sets while the last pods terminate.
  const holds = (...types: string[]) => s.conditions.find((c) => types.includes(c.type) && c.status === 'True');
  const final = holds('Complete', 'Failed') ?? holds('SuccessCriteriaMet', 'FailureTarget');
  return (
    <div className="card-details">
      <div className="row">
        <strong data-testid="job-progress">{`${s.succeeded}/${completions}`}</strong>
        <Bar value={s.succeeded} max={completions} cls="ok" label={`${s.succeeded} of ${completions} completions succeeded`} />
        <span className="muted small">completions</span>
      </div>
      <div className="row small">
        <span title="active pods vs parallelism">
          active <b>{s.active}</b>/{s.parallelism}
        </span>
        <span className={`failed${s.failed > 0 ? ' warn' : ''}`} title="failed pods vs backoffLimit">
          <span>
            failed <b>{s.failed}</b>/{s.backoffLimit}
          </span>
          <Bar value={s.failed} max={s.backoffLimit + 1} cls="bad" label={`${s.failed} failed; the Job fails after ${s.backoffLimit + 1}`} />
        </span>
      </div>
      <div className="row small" data-testid="job-status">
        {final ? (
          <span className={`badge ${final.type === 'Complete' || final.type === 'SuccessCriteriaMet' ? 'good' : 'bad'}`} title={final.message}>
            {final.type}
            {final.reason && final.reason !== final.type ? `: ${final.reason}` : ''}
          </span>
        ) : s.suspended ? (
          <span className="badge">Suspended</span>
        ) : s.backoffUntilMs !== undefined ? (
          <Countdown untilMs={s.backoffUntilMs} />
        ) : (
          <span className="muted">{s.active > 0 ? 'running' : 'waiting'}</span>
        )}
        {s.duration ? <span className="muted">{s.duration}</span> : null}
      </div>
    </div>
  );
}

function CronJobDetails({ r }: { r: ObjectRecord }) {
  const startMs = useClusterStore((s) => s.clock.startMs);
  if (r.summary.kind !== 'CronJob') return null;
  const s = r.summary;
  return (
    <div className="card-details">
      <div className="row small">
        <code>{s.schedule}</code>
        <span className="muted ellipsis">{s.scheduleText ?? ''}</span>
      </div>
      <div className="row small" title={s.nextRuns.join('\n')} data-testid="cron-next">
        {s.invalid ? <span className="warn ellipsis">{s.invalid}</span> : s.nextRunsMs.length > 0 ? <span className="ellipsis">next {s.nextRunsMs.map((t) => formatElapsed(t - startMs)).join(' · ')}</span> : <span className="muted">no next run</span>}
      </div>
      <div className="row small">{s.suspended ? <span className="badge">Suspended</span> : <span className="muted">active {s.active}</span>}</div>
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
          ready <b>{s.ready}</b>/{s.desired}
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
  const { id, kind, collapsed, height, width } = data;
  const podIds = useCardPods(id);
  const selected = useUiStore((s) => s.selected === id);
  const highlighted = useUiStore((s) => s.highlighted.has(id));
  const name = useClusterStore((s) => s.records.get(id)?.name ?? id);
  return (
    <div
      className={`card card-${kind.toLowerCase()}${selected ? ' selected' : ''}${highlighted ? ' highlighted' : ''}`}
      style={{ height, width }}
      data-testid={`card-${kind}`}
      data-name={name}
      onContextMenu={(e) => {
        const r = useClusterStore.getState().records.get(id);
        if (!r) return;
        e.preventDefault();
        useUiStore.getState().openMenu(e.clientX, e.clientY, targetOf(r));
      }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <CardBody id={id} kind={kind} />
      <PodChips ids={podIds} collapsed={collapsed} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
