/**
 * One event: when (virtual time since the cluster started, as the clock bar shows it), type,
 * reason, the object (a link that selects it) and the message. Compact rows (events panel) keep
 * one line per field group so they can be virtualised; full rows (inspector) wrap the message.
 * Rows subscribe to their own record, so a growing stream renders only what changed.
 */
import { memo } from 'react';
import { selectRecord, useClusterStore } from '../state/cluster.ts';
import { useUiStore } from '../state/ui.ts';
import { formatElapsed } from './time.ts';

export const EventRow = memo(function EventRow({ uid, compact }: { uid: string; compact?: boolean }) {
  const r = useClusterStore(selectRecord(uid));
  const startMs = useClusterStore((s) => s.clock.startMs);
  if (r?.summary.kind !== 'Event') return null;
  const e = r.summary;
  const at = formatElapsed(e.lastMs - startMs, true);
  return (
    <div className={`event${e.type === 'Warning' ? ' warning' : ''}${compact ? ' compact' : ''}`} title={compact ? `${e.reason}: ${e.message}` : undefined}>
      <div className="event-head">
        <span className="event-time" title={new Date(e.lastMs).toISOString()}>
          {at}
        </span>
        <span className="event-type" aria-label={e.type}>
          {e.type === 'Warning' ? '⚠' : '·'}
        </span>
        <span className="event-reason">{e.reason}</span>
        {e.objectUid ? (
          <button type="button" className="link event-object" onClick={() => useUiStore.getState().select(e.objectUid)}>
            {e.object}
          </button>
        ) : (
          <span className="event-object">{e.object}</span>
        )}
        {e.count > 1 ? <span className="event-count muted">×{e.count}</span> : null}
      </div>
      <div className="event-message">{e.message}</div>
    </div>
  );
});
