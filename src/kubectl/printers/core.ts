/**
 * `kubectl get` columns for Event, Namespace, ConfigMap and Secret (printEvent, printNamespace,
 * printConfigMap, printSecret in pkg/printers/internalversion/printers.go, in our words).
 */
import { type ConfigMap, type Event, type Namespace, type Secret, age } from '../../engine/index.ts';
import { registerTablePrinter } from './table.ts';

/** `component, host` (or the reporting controller and instance of new-style events). */
export function eventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  if (!component) return '';
  return instance ? `${component}, ${instance}` : component;
}

registerTablePrinter('Event', {
  columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideColumns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'],
  row(obj, ctx) {
    const e = obj as unknown as Event;
    const first = e.firstTimestamp ? age(e.firstTimestamp, ctx.nowMs) : age(e.eventTime as string | undefined, ctx.nowMs);
    let last = e.lastTimestamp ? age(e.lastTimestamp, ctx.nowMs) : first;
    let count = e.count || 1;
    if (e.series) {
      last = age(e.series.lastObservedTime as string | undefined, ctx.nowMs);
      count = e.series.count ?? count;
    }
    const involved = e.involvedObject;
    const target = involved.name ? `${(involved.kind ?? '').toLowerCase()}/${involved.name}` : (involved.kind ?? '').toLowerCase();
    const message = (e.message ?? '').trim();
    return {
      cells: [last, e.type ?? '', e.reason ?? '', target, message],
      wideCells: [last, e.type ?? '', e.reason ?? '', target, involved.fieldPath ?? '', eventSource(e), message, first, String(count), e.metadata.name],
    };
  },
});

registerTablePrinter('Namespace', {
  columns: ['NAME', 'STATUS', 'AGE'],
  row(obj, ctx) {
    const ns = obj as unknown as Namespace;
    return { cells: [ns.metadata.name, ns.status?.phase ?? '', age(ns.metadata.creationTimestamp, ctx.nowMs)] };
  },
});

registerTablePrinter('ConfigMap', {
  columns: ['NAME', 'DATA', 'AGE'],
  row(obj, ctx) {
    const cm = obj as unknown as ConfigMap;
    const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return { cells: [cm.metadata.name, String(count), age(cm.metadata.creationTimestamp, ctx.nowMs)] };
  },
});

registerTablePrinter('Secret', {
  columns: ['NAME', 'TYPE', 'DATA', 'AGE'],
  row(obj, ctx) {
    const s = obj as unknown as Secret;
    const count = Object.keys(s.data ?? {}).length + Object.keys(s.stringData ?? {}).length;
    return { cells: [s.metadata.name, s.type ?? '', String(count), age(s.metadata.creationTimestamp, ctx.nowMs)] };
  },
});
