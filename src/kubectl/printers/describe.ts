/**
 * The machinery every `kubectl describe` output shares (staging/src/k8s.io/kubectl/pkg/describe,
 * in our words): a prefix writer whose tab-separated lines go through Go's tabwriter (flushed in
 * segments, as upstream flushes before the Events table), the multi-line Labels/Annotations blocks,
 * the Events table with `(xN over AGE)`, and a registry of per-kind describers.
 */
import { type Event, type KubeObject, age, humanDuration, parseTime } from '../../engine/index.ts';
import type { KubeClient } from '../client.ts';
import { DESCRIBE_TABWRITER, tabwrite } from './tabwriter.ts';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class DescribeWriter {
  private done = '';
  private pending = '';

  /** Write `text` (which may contain tabs and newlines) indented by `level` × 2 spaces. */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  line(level: number, text = ''): void {
    this.write(level, `${text}\n`);
  }

  /** Align what was written so far on its own (upstream's w.Flush()). */
  flush(): void {
    this.done += tabwrite(this.pending, DESCRIBE_TABWRITER);
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done;
  }
}

export interface DescribeContext {
  client: KubeClient;
  nowMs: number;
  /** `--show-events` (default true). */
  showEvents: boolean;
}

export type Describer = (obj: KubeObject, ctx: DescribeContext) => string;

const describers = new Map<string, Describer>();

export function registerDescriber(kind: string, fn: Describer): void {
  describers.set(kind, fn);
}

export function describerFor(kind: string): Describer {
  return describers.get(kind) ?? genericDescriber;
}

/** `Labels:  a=b` then one `k=v` per line, aligned; `<none>` when empty. */
export function writeLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

/** `Annotations:  key: value`, long values shortened as upstream does. */
export function writeAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort();
  if (keys.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  keys.forEach((k, i) => {
    if (i > 0) w.write(LEVEL_0, `${initialIndent}${innerIndent}`);
    let v = annotations![k]!;
    if (v.length > MAX_ANNOTATION_LEN || v.includes('\n')) v = `${v.slice(0, MAX_ANNOTATION_LEN - 3).split('\n')[0]}...`;
    w.write(LEVEL_0, `${k}: ${v}\n`);
  });
}

/** Events about `obj`, sorted by last timestamp (SortableEvents). */
export function eventsFor(client: KubeClient, obj: KubeObject): Event[] {
  const ns = obj.metadata.namespace ?? 'default';
  const events = client.list<Event>('Event', {
    namespace: ns,
    fieldSelector: `involvedObject.name=${obj.metadata.name},involvedObject.kind=${obj.kind},involvedObject.uid=${obj.metadata.uid}`,
  });
  return events
    .map((e, i) => ({ e, i, t: parseTime(e.lastTimestamp ?? e.firstTimestamp) ?? parseTime(e.eventTime as string | undefined) ?? 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

/** The Events table that ends most describe outputs. */
export function writeEvents(w: DescribeWriter, events: readonly Event[], nowMs: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = age(e.firstTimestamp ?? (e.eventTime as string | undefined), nowMs);
    const interval = (e.count ?? 1) > 1 ? `${age(e.lastTimestamp, nowMs)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** `Mon, 01 Jan 2025 00:00:05 +0000` (describe's time format), or `<unset>`. */
export { formatDescribeTime } from '../../engine/index.ts';

/** A duration since a timestamp, for `Age`-like fields. */
export function since(timestamp: string | undefined, nowMs: number): string {
  const t = parseTime(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}

/** For kinds without a dedicated describer: identity, labels, annotations and events. */
function genericDescriber(obj: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  if (obj.metadata.namespace) w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.write(LEVEL_0, `API Version:\t${obj.apiVersion}\n`);
  w.write(LEVEL_0, `Kind:\t${obj.kind}\n`);
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, obj), ctx.nowMs);
  return w.toString();
}
