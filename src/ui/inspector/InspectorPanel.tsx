/**
 * The inspector: the selected object's status summary, conditions, owner/children links, events,
 * logs (per container, current or previous) and live YAML (read-only, "edit in editor"), with the
 * same actions as the graph's context menu.
 */
import { useEffect, useMemo, useState } from 'react';
import YAML from 'yaml';
import { useShallow } from 'zustand/react/shallow';
import type { ObjectRecord, WireObject } from '../../worker/protocol.ts';
import { actionsFor, editAction } from '../actions/actions.ts';
import { runAction } from '../components/ActionMenu.tsx';
import { selectIds, selectRecord, useClusterStore } from '../state/cluster.ts';
import { engine } from '../state/engine.ts';
import { targetOf } from '../state/targets.ts';
import { type InspectorTab, useUiStore } from '../state/ui.ts';
import { statusClass } from '../graph/status.ts';
import { EventRow } from '../timeline/EventRow.tsx';

function Link({ uid }: { uid: string }) {
  const r = useClusterStore(selectRecord(uid));
  if (!r) return null;
  return (
    <button type="button" className="link" onClick={() => useUiStore.getState().select(uid)}>
      {r.kind.toLowerCase()}/{r.name}
    </button>
  );
}

/**
 * The record's whole object: carried by the record for most kinds, fetched from the worker for
 * pods (again whenever the pod changes), so the inspector stays live without every frame carrying
 * every pod's object.
 */
function useLiveObject(r: ObjectRecord): WireObject | undefined {
  const [fetched, setFetched] = useState<{ uid: string; rv: string; object: WireObject } | undefined>(undefined);
  useEffect(() => {
    if (r.object) return;
    let live = true;
    void engine.getObject(r.uid).then((object) => {
      if (live && object) setFetched({ uid: r.uid, rv: r.rv, object });
    });
    return () => {
      live = false;
    };
  }, [r.uid, r.rv, r.object]);
  return r.object ?? (fetched?.uid === r.uid ? fetched.object : undefined);
}

function Summary({ r }: { r: ObjectRecord }) {
  const object = useLiveObject(r);
  const children = useClusterStore(useShallow((s) => {
    const out: string[] = [];
    for (const [uid, c] of s.records) if (c.ownerUid === r.uid) out.push(uid);
    return out.slice(0, 60);
  }));
  const s = r.summary;
  const rows: [string, string][] = [];
  if (s.kind === 'Pod') rows.push(['Status', s.status], ['Ready', s.ready], ['Restarts', String(s.restarts)], ['Node', s.nodeName ?? '<none>']);
  if (s.kind === 'Node') rows.push(['Status', s.status], ['Roles', s.role], ['Taints', s.taints.join(', ') || '<none>']);
  if (s.kind === 'Job') rows.push(['Completions', `${s.succeeded}/${s.completions ?? 1}`], ['Active', `${s.active} (parallelism ${s.parallelism})`], ['Failed', `${s.failed} (backoffLimit ${s.backoffLimit})`], ['Duration', s.duration ?? '—'], ['Suspended', String(s.suspended)]);
  if (s.kind === 'CronJob') rows.push(['Schedule', s.schedule], ['Suspended', String(s.suspended)], ['Active', String(s.active)], ['Next runs', s.nextRuns.join('\n') || s.invalid || '—']);
  if (s.kind === 'Workload') rows.push(['Desired', String(s.desired)], ['Current', String(s.current)], ['Ready', String(s.ready)], ['Selector', s.selector]);
  if (s.kind === 'Pod' && s.unschedulable) rows.push(['FailedScheduling', s.unschedulable]);
  const conditions = (object?.status?.conditions ?? []) as { type: string; status: string; reason?: string; message?: string }[];
  const labels = Object.entries(r.labels ?? {});
  return (
    <div className="inspector-summary">
      <dl>
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {r.ownerUid ? (
          <div>
            <dt>Controlled by</dt>
            <dd>
              <Link uid={r.ownerUid} />
            </dd>
          </div>
        ) : null}
      </dl>
      {labels.length > 0 ? (
        <div className="chips-line">
          {labels.map(([k, v]) => (
            <span key={k} className="label-chip">
              {k}={v}
            </span>
          ))}
        </div>
      ) : null}
      {conditions.length > 0 ? (
        <table className="conditions">
          <thead>
            <tr>
              <th>Condition</th>
              <th>Status</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {conditions.map((c) => (
              <tr key={c.type} title={c.message}>
                <td>{c.type}</td>
                <td className={c.status === 'True' ? 'good' : 'muted'}>{c.status}</td>
                <td>{c.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {children.length > 0 ? (
        <div className="children">
          <h4>Owns</h4>
          {children.map((uid) => (
            <Link key={uid} uid={uid} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function Events({ uid }: { uid: string }) {
  const all = useClusterStore(selectIds('Event'));
  const events = useMemo(() => {
    const { records } = useClusterStore.getState();
    return all.filter((e) => {
      const r = records.get(e);
      return r?.summary.kind === 'Event' && r.summary.objectUid === uid;
    }).reverse();
  }, [all, uid]);
  if (events.length === 0) return <p className="muted">No events.</p>;
  return (
    <div className="event-list">
      {events.map((e) => (
        <EventRow key={e} uid={e} />
      ))}
    </div>
  );
}

function Logs({ r }: { r: ObjectRecord }) {
  const s = r.summary.kind === 'Pod' ? r.summary : undefined;
  const [container, setContainer] = useState(s?.containers[0] ?? '');
  const [previous, setPrevious] = useState(false);
  const [text, setText] = useState('');
  const rv = r.rv;
  const simNow = useClusterStore((x) => Math.floor(x.simNowMs / 2000));
  useEffect(() => {
    let live = true;
    const ns = r.namespace && r.namespace !== 'default' ? ` -n ${r.namespace}` : '';
    void engine.query(`kubectl logs ${r.name}${ns} -c ${container}${previous ? ' --previous' : ''} --tail=500`).then((out) => {
      if (live) setText(out.chunks.map((c) => c.text).join(''));
    });
    return () => {
      live = false;
    };
  }, [r.name, r.namespace, container, previous, rv, simNow]);
  if (!s) return <p className="muted">Logs are available for pods.</p>;
  return (
    <div className="logs">
      <div className="row small">
        <select value={container} onChange={(e) => setContainer(e.target.value)} aria-label="container">
          {s.containers.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={previous} disabled={!s.previous.includes(container)} onChange={(e) => setPrevious(e.target.checked)} /> previous
        </label>
      </div>
      <pre data-testid="logs">{text || '(no output yet)'}</pre>
    </div>
  );
}

function Yaml({ r }: { r: ObjectRecord }) {
  const object = useLiveObject(r);
  const text = useMemo(() => (object ? YAML.stringify(object, { lineWidth: 0 }) : ''), [object]);
  if (!object) return <p className="muted">Loading…</p>;
  return (
    <div className="yaml">
      <button type="button" className="ghost small" title={editAction.command(targetOf(r), {})} onClick={() => runAction(editAction, targetOf(r))}>
        ✎ Edit in editor
      </button>
      <pre>{text}</pre>
    </div>
  );
}

const TABS: { id: InspectorTab; label: string }[] = [
  { id: 'summary', label: 'Summary' },
  { id: 'events', label: 'Events' },
  { id: 'logs', label: 'Logs' },
  { id: 'yaml', label: 'YAML' },
];

export function InspectorPanel() {
  const uid = useUiStore((s) => s.selected);
  const tab = useUiStore((s) => s.inspectorTab);
  const r = useClusterStore(selectRecord(uid));
  return (
    <section className="panel inspector-panel" aria-label="inspector" data-testid="inspector">
      <header className="panel-head">
        <h2>Inspector</h2>
      </header>
      {!r ? (
        <div className="empty muted">
          <p>Select a card, a pod chip or a node in the graph to inspect it.</p>
          <p className="small">Right-click anything for its actions.</p>
        </div>
      ) : (
        <>
          <div className="inspector-title">
            <span className="kind">{r.kind}</span>
            <strong data-testid="inspector-name">{r.name}</strong>
            {r.summary.kind === 'Pod' ? <span className={`badge s-${statusClass(r.summary.status)}`}>{r.summary.status}</span> : null}
            {r.namespace ? <span className="ns">{r.namespace}</span> : null}
          </div>
          <div className="actions-row">
            {actionsFor(targetOf(r)).map((a) => (
              <button key={a.id} type="button" className={a.danger ? 'danger-ghost small' : 'ghost small'} onClick={() => runAction(a, targetOf(r))}>
                {a.label}
              </button>
            ))}
          </div>
          <div className="segmented tabs-inline" role="tablist">
            {TABS.filter((t) => t.id !== 'logs' || r.kind === 'Pod').map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'on' : ''} onClick={() => useUiStore.getState().setInspectorTab(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <div className="inspector-body">
            {tab === 'summary' ? <Summary r={r} /> : tab === 'events' ? <Events uid={r.uid} /> : tab === 'logs' ? <Logs r={r} /> : <Yaml r={r} />}
          </div>
        </>
      )}
    </section>
  );
}
