/**
 * Small readers over a `ClusterView` that lesson checks are written with: find objects by name,
 * label or owner, read conditions, pod state, events, logs and the terminal history, and resolve
 * the placeholders of "run this" commands. Pure and engine-free (types only), like `lesson.ts`.
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { Deployment, DaemonSet, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import type { ClusterObject, ClusterView, ObjectMeta } from './lesson.ts';

type Typed<T> = Omit<T, 'metadata'> & { metadata: ObjectMeta };
export type PodObject = Typed<Pod>;
export type JobObject = Typed<Job>;
export type CronJobObject = Typed<CronJob>;
export type NodeObject = Typed<Node>;
export type DeploymentObject = Typed<Deployment>;
export type ReplicaSetObject = Typed<ReplicaSet>;
export type DaemonSetObject = Typed<DaemonSet>;
export type EventObject = Typed<Event>;

// ---- label queries ----

/** One term of a query: `k=v`, `k!=v`, `k` (exists), `!k` (absent), or `owner=Kind/name`. */
type Term =
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'exists' | '!exists'; key: string }
  | { op: 'owner'; kind: string; name: string };

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;

/** Parse an equality-based label selector (plus `owner=Kind/name`); an Error when malformed. */
export function parseQuery(text: string): Term[] | Error {
  const terms: Term[] = [];
  for (const raw of text.split(',')) {
    const t = raw.trim();
    const m = /^(!?)([^=!]+?)\s*(?:(==|=|!=)\s*(.*))?$/.exec(t);
    if (!m || !KEY.test(m[2]!)) return new Error(`invalid query term "${t}"`);
    const [, not, key, op, value] = m as unknown as [string, string, string, string | undefined, string | undefined];
    if (op === undefined) terms.push({ op: not ? '!exists' : 'exists', key });
    else if (not) return new Error(`invalid query term "${t}"`);
    else if (key === 'owner') {
      const slash = value!.indexOf('/');
      if (slash <= 0) return new Error(`owner must be Kind/name in "${t}"`);
      terms.push({ op: 'owner', kind: value!.slice(0, slash), name: value!.slice(slash + 1) });
    } else terms.push({ op: op === '!=' ? '!=' : '=', key, value: value ?? '' });
  }
  return terms;
}

function matchesTerms(obj: ClusterObject, terms: Term[]): boolean {
  const labels = obj.metadata.labels ?? {};
  return terms.every((t) => {
    switch (t.op) {
      case '=':
        return labels[t.key] === t.value;
      case '!=':
        return labels[t.key] !== t.value;
      case 'exists':
        return t.key in labels;
      case '!exists':
        return !(t.key in labels);
      case 'owner': {
        const ref = controllerOf(obj);
        return ref !== undefined && ref.kind === t.kind && ref.name === t.name;
      }
    }
  });
}

/** Whether an object matches a query; a malformed query matches nothing. */
export function matchesQuery(obj: ClusterObject, query: string): boolean {
  const terms = parseQuery(query);
  return !(terms instanceof Error) && matchesTerms(obj, terms);
}

const byName = (a: ClusterObject, b: ClusterObject) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0);

/** Objects of a kind in the default namespace (cluster-scoped kinds: all), sorted by name, optionally filtered. */
export function list<T>(view: ClusterView, kind: string, query?: string): T[] {
  return view
    .objects(kind)
    .filter((o) => (o.metadata.namespace ?? 'default') === 'default' || kind === 'Node')
    .filter((o) => query === undefined || matchesQuery(o, query))
    .slice()
    .sort(byName) as T[];
}

export function named<T>(view: ClusterView, kind: string, name: string): T | undefined {
  return list<T>(view, kind).find((o) => (o as ClusterObject).metadata.name === name);
}

export const pods = (view: ClusterView, query?: string) => list<PodObject>(view, 'Pod', query);
export const jobs = (view: ClusterView, query?: string) => list<JobObject>(view, 'Job', query);
export const job = (view: ClusterView, name: string) => named<JobObject>(view, 'Job', name);
export const cronJob = (view: ClusterView, name: string) => named<CronJobObject>(view, 'CronJob', name);
export const node = (view: ClusterView, name: string) => named<NodeObject>(view, 'Node', name);
export const deployment = (view: ClusterView, name: string) => named<DeploymentObject>(view, 'Deployment', name);
export const daemonSet = (view: ClusterView, name: string) => named<DaemonSetObject>(view, 'DaemonSet', name);

// ---- ownership ----

export function controllerOf(obj: ClusterObject) {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** Objects of `kind` whose controller is `owner` (matched by uid, so a re-created owner has new children). */
export function ownedBy<T>(view: ClusterView, kind: string, owner: ClusterObject): T[] {
  return list<T>(view, kind).filter((o) => controllerOf(o as ClusterObject)?.uid === owner.metadata.uid);
}

export const podsOf = (view: ClusterView, owner: ClusterObject) => ownedBy<PodObject>(view, 'Pod', owner);

// ---- conditions and state ----

interface WithConditions {
  status?: { conditions?: readonly { type: string; status: string; reason?: string }[] };
}

/** The condition of that type, when its status is True (and its reason matches, if given). */
export function hasCondition(obj: WithConditions | undefined, type: string, reason?: string): boolean {
  const c = obj?.status?.conditions?.find((x) => x.type === type);
  return c !== undefined && c.status === 'True' && (reason === undefined || c.reason === reason);
}

export const isComplete = (j: JobObject | undefined) => hasCondition(j, 'Complete');
export const isFailed = (j: JobObject | undefined, reason?: string) => hasCondition(j, 'Failed', reason);

export const isTerminating = (o: ClusterObject) => o.metadata.deletionTimestamp !== undefined;

/** Running and not being deleted. */
export const isRunning = (p: PodObject) => p.status?.phase === 'Running' && !isTerminating(p);
export const isSucceeded = (p: PodObject) => p.status?.phase === 'Succeeded';
export const isPodFailed = (p: PodObject) => p.status?.phase === 'Failed';
export const isReady = (p: PodObject) => hasCondition(p, 'Ready');

/** The sum of container restarts (kubectl's RESTARTS column). */
export function restarts(p: PodObject): number {
  return (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

export function isNodeReady(n: NodeObject | undefined): boolean {
  return hasCondition(n, 'Ready');
}

// ---- events, logs, history ----

/** Events about an object (by kind and name), optionally of one reason. */
export function eventsAbout(view: ClusterView, kind: string, name: string, reason?: string): EventObject[] {
  return (view.events() as EventObject[]).filter(
    (e) => e.involvedObject?.kind === kind && e.involvedObject.name === name && (reason === undefined || e.reason === reason),
  );
}

/** How many times events of that reason happened (summing aggregated `count`s). */
export function eventCount(events: readonly EventObject[]): number {
  return events.reduce((n, e) => n + (e.count ?? 1), 0);
}

/** A container's log lines (the pod's first container by default); empty when unknown. */
export function logsOf(view: ClusterView, pod: PodObject, container?: string, previous = false): readonly string[] {
  return view.logs?.(pod.metadata.namespace ?? 'default', pod.metadata.name, container ?? pod.spec?.containers[0]?.name, previous) ?? [];
}

/** Whether the learner ran a terminal command matching `pattern`. */
export function ran(view: ClusterView, pattern: RegExp): boolean {
  return (view.history?.() ?? []).some((c) => pattern.test(c));
}

// ---- placeholders in "run this" commands ----

const PLACEHOLDER = /\{\{(?:(pod|node|job):([^{}]*)|(cordoned-node))\}\}/g;

/** The placeholders a command uses, with any that are malformed. */
export function placeholders(command: string): { kind: string; query: string; error?: string }[] {
  return [...command.matchAll(PLACEHOLDER)].map((m) => {
    if (m[3]) return { kind: m[3], query: '' };
    const terms = parseQuery(m[2]!);
    return { kind: m[1]!, query: m[2]!, ...(terms instanceof Error ? { error: terms.message } : {}) };
  });
}

/**
 * Fill a command's placeholders from the cluster:
 * - `{{pod:Q}}`: the first pod by name matching Q that is not being deleted (what
 *   `kubectl get pods -l Q -o jsonpath='{.items[0].metadata.name}'` gives, minus pods on their way out);
 * - `{{node:Q}}`: the node of the first pod by name matching Q (deleted or not) that has one;
 * - `{{job:Q}}`: the first Job by name matching Q that is not being deleted;
 * - `{{cordoned-node}}`: the first node marked unschedulable.
 * Undefined while something is not there yet (the UI disables the button until it is).
 */
export function resolveCommand(command: string, view: ClusterView): string | undefined {
  let missing = false;
  const text = command.replace(PLACEHOLDER, (_all, kind: string | undefined, query: string | undefined, cordoned: string | undefined) => {
    let value: string | undefined;
    if (cordoned) value = list<NodeObject>(view, 'Node').find((n) => n.spec?.unschedulable)?.metadata.name;
    else if (kind === 'job') value = jobs(view, query).find((j) => !isTerminating(j))?.metadata.name;
    else if (kind === 'pod') value = pods(view, query).find((p) => !isTerminating(p))?.metadata.name;
    else value = pods(view, query).find((p) => p.spec?.nodeName)?.spec?.nodeName;
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : text;
}
