/**
 * The cluster's event stream, newest first, filterable by type, text and the selected object.
 * Virtualised, and refreshed at most a few times a second: hundreds of events a second (a
 * thousand pods churning) cost a dozen rows a few times a second, and stay readable.
 */
import { useEffect, useMemo, useState } from 'react';
import { type Items, VirtualList } from '../components/VirtualList.tsx';
import { useClusterStore } from '../state/cluster.ts';
import { useUiStore } from '../state/ui.ts';
import { EventRow } from './EventRow.tsx';

const ROW_HEIGHT = 40;
const REFRESH_MS = 250;

/** The mirror's event ids, at most one new list per REFRESH_MS (the first change shows at once). */
function useThrottledEventIds(): readonly string[] {
  const [ids, setIds] = useState(() => useClusterStore.getState().ids.Event ?? []);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const sync = () => {
      timer = undefined;
      last = performance.now();
      setIds(useClusterStore.getState().ids.Event ?? []);
    };
    sync(); // whatever arrived between the first render and this subscription
    const unsubscribe = useClusterStore.subscribe((s, prev) => {
      if (s.ids.Event === prev.ids.Event || timer !== undefined) return;
      const wait = REFRESH_MS - (performance.now() - last);
      if (wait <= 0) sync();
      else timer = setTimeout(sync, wait);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, []);
  return ids;
}

export function EventsPanel() {
  const [type, setType] = useState<'all' | 'Warning' | 'Normal'>('all');
  const [text, setText] = useState('');
  const [onlySelected, setOnlySelected] = useState(false);
  const selected = useUiStore((s) => s.selected);
  const highlighted = useUiStore((s) => s.highlighted);
  const all = useThrottledEventIds();
  const needle = text.trim().toLowerCase();
  const items = useMemo((): Items<string> => {
    const filtering = type !== 'all' || needle !== '' || (onlySelected && selected !== undefined);
    // Newest first: without a filter, a reversed view of the mirror's list (no copy per frame).
    if (!filtering) return { length: all.length, at: (i) => all[all.length - 1 - i]! };
    const { records } = useClusterStore.getState();
    const out: string[] = [];
    for (let i = all.length - 1; i >= 0; i--) {
      const r = records.get(all[i]!);
      if (r?.summary.kind !== 'Event') continue;
      const e = r.summary;
      if (type !== 'all' && e.type !== type) continue;
      if (onlySelected && selected && !(e.objectUid && highlighted.has(e.objectUid))) continue;
      if (needle && !`${e.reason} ${e.object} ${e.message}`.toLowerCase().includes(needle)) continue;
      out.push(all[i]!);
    }
    return { length: out.length, at: (i) => out[i]! };
  }, [all, type, needle, onlySelected, selected, highlighted]);
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
      {items.length === 0 ? (
        <p className="muted empty" data-testid="events">
          No events yet.
        </p>
      ) : (
        <VirtualList items={items} rowHeight={ROW_HEIGHT} className="events-body" testId="events" renderRow={(uid) => <EventRow uid={uid} compact />} />
      )}
    </section>
  );
}
