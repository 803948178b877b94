/** The cluster's event stream, newest first, filterable by type, text and the selected object. */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EventTable } from '../inspector/InspectorPanel.tsx';
import { useClusterStore } from '../state/cluster.ts';
import { useUiStore } from '../state/ui.ts';

export function EventsPanel() {
  const [type, setType] = useState<'all' | 'Warning' | 'Normal'>('all');
  const [text, setText] = useState('');
  const [onlySelected, setOnlySelected] = useState(false);
  const selected = useUiStore((s) => s.selected);
  const highlighted = useUiStore((s) => s.highlighted);
  const needle = text.trim().toLowerCase();
  const filter = useMemo(
    () => (s: ReturnType<typeof useClusterStore.getState>) => {
      const out: string[] = [];
      const ids = s.ids.Event ?? [];
      for (let i = ids.length - 1; i >= 0 && out.length < 300; i--) {
        const r = s.records.get(ids[i]!);
        if (r?.summary.kind !== 'Event') continue;
        const e = r.summary;
        if (type !== 'all' && e.type !== type) continue;
        if (onlySelected && selected && !(e.objectUid && highlighted.has(e.objectUid))) continue;
        if (needle && !`${e.reason} ${e.object} ${e.message}`.toLowerCase().includes(needle)) continue;
        out.push(ids[i]!);
      }
      return out;
    },
    [type, needle, onlySelected, selected, highlighted],
  );
  const ids = useClusterStore(useShallow(filter));
  return (
    <section className="panel events-panel" aria-label="events">
      <header className="panel-head">
        <h2>Events</h2>
        <select value={type} onChange={(e) => setType(e.target.value as typeof type)} aria-label="event type">
          <option value="all">all types</option>
          <option value="Normal">Normal</option>
          <option value="Warning">Warning</option>
        </select>
        <input className="filter" placeholder="filter…" value={text} onChange={(e) => setText(e.target.value)} aria-label="filter events" />
        <label className="small" title="Only events of the selection and its owners">
          <input type="checkbox" checked={onlySelected} onChange={(e) => setOnlySelected(e.target.checked)} /> selection
        </label>
      </header>
      <div className="events-body" data-testid="events">
        {ids.length === 0 ? <p className="muted empty">No events yet.</p> : <EventTable ids={ids} />}
      </div>
    </section>
  );
}
