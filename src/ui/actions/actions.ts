/**
 * Actions on graph items and in the inspector, as data: each one turns a target (and the values of
 * its dialog fields) into the command line that does it — kubectl where kubectl can, `sim` for what
 * only the simulator can do (power a node off, make a container exit). The UI runs that line
 * through the same path as the terminal and echoes it, so every click teaches the command.
 */
import type { Summary } from '../../worker/protocol.ts';

export interface ActionTarget {
  uid: string;
  kind: string;
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  summary: Summary;
}

export type FieldDef =
  | { name: string; label: string; type: 'text'; default: string; placeholder?: string; required?: boolean }
  | { name: string; label: string; type: 'number'; default: number; min?: number; max?: number }
  | { name: string; label: string; type: 'bool'; default: boolean; help?: string }
  | { name: string; label: string; type: 'select'; default: string; options: { value: string; label: string }[] };

export type FieldValues = Record<string, string | number | boolean>;

export interface ActionDef {
  id: string;
  label: string;
  /** Destructive: asks once before running. */
  danger?: boolean;
  /** Dialog fields; none means the action runs at once (after the confirmation, if dangerous). */
  fields?: (t: ActionTarget) => FieldDef[];
  /** Shown in the dialog. */
  description?: (t: ActionTarget) => string;
  /** The command line(s) to run. */
  command: (t: ActionTarget, v: FieldValues) => string;
  /** UI side effects besides the command (e.g. open the logs tab). */
  opens?: 'logs';
}

/** POSIX shell quoting for words we put on a command line. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const ns = (t: ActionTarget) => (t.namespace && t.namespace !== 'default' ? ` -n ${shellQuote(t.namespace)}` : '');
const resource: Record<string, string> = { Pod: 'pod', Job: 'job', CronJob: 'cronjob', Deployment: 'deployment', ReplicaSet: 'replicaset', DaemonSet: 'daemonset', Node: 'node', StatefulSet: 'statefulset', Service: 'service' };
const res = (t: ActionTarget) => resource[t.kind] ?? t.kind.toLowerCase();

const del: ActionDef = {
  id: 'delete',
  label: 'Delete',
  danger: true,
  description: (t) => `Delete ${res(t)}/${t.name}.`,
  command: (t) => `kubectl delete ${res(t)} ${shellQuote(t.name)}${ns(t)}`,
};

const cascadeDelete: ActionDef = {
  ...del,
  fields: () => [
    {
      name: 'cascade',
      label: 'Cascade',
      type: 'select',
      default: 'background',
      options: [
        { value: 'background', label: 'background — delete now, its pods are garbage-collected' },
        { value: 'foreground', label: 'foreground — delete its pods first' },
        { value: 'orphan', label: 'orphan — keep its pods running' },
      ],
    },
  ],
  command: (t, v) => `kubectl delete ${res(t)} ${shellQuote(t.name)}${ns(t)}${v.cascade && v.cascade !== 'background' ? ` --cascade=${String(v.cascade)}` : ''}`,
};

const patchSuspend = (suspend: boolean): ActionDef => ({
  id: suspend ? 'suspend' : 'resume',
  label: suspend ? 'Suspend' : 'Resume',
  command: (t) => `kubectl patch ${res(t)} ${shellQuote(t.name)}${ns(t)} -p '{"spec":{"suspend":${suspend}}}'`,
});

const scale: ActionDef = {
  id: 'scale',
  label: 'Scale…',
  fields: (t) => [{ name: 'replicas', label: 'Replicas', type: 'number', default: t.summary.kind === 'Workload' ? t.summary.desired : 1, min: 0, max: 5000 }],
  command: (t, v) => `kubectl scale ${res(t)} ${shellQuote(t.name)}${ns(t)} --replicas=${Number(v.replicas)}`,
};

const restart: ActionDef = { id: 'restart', label: 'Restart (rollout)', command: (t) => `kubectl rollout restart ${res(t)}/${shellQuote(t.name)}${ns(t)}` };

function nodeActions(t: ActionTarget): ActionDef[] {
  const s = t.summary.kind === 'Node' ? t.summary : undefined;
  const labelKeys = Object.keys(t.labels).filter((k) => !k.startsWith('kubernetes.io/') && !k.startsWith('node-role.kubernetes.io/') && !k.startsWith('beta.kubernetes.io/'));
  const list: ActionDef[] = [
    s?.cordoned
      ? { id: 'uncordon', label: 'Uncordon', command: () => `kubectl uncordon ${shellQuote(t.name)}` }
      : { id: 'cordon', label: 'Cordon', command: () => `kubectl cordon ${shellQuote(t.name)}` },
    {
      id: 'drain',
      label: 'Drain…',
      danger: true,
      description: () => `Cordon ${t.name} and evict its pods. DaemonSet pods cannot be evicted (their controller would put them back), so drain refuses unless you ignore them.`,
      fields: () => [
        { name: 'ignoreDaemonsets', label: '--ignore-daemonsets', type: 'bool', default: true, help: 'skip DaemonSet-managed pods' },
        { name: 'deleteEmptydirData', label: '--delete-emptydir-data', type: 'bool', default: false, help: 'continue even if pods use emptyDir (its data is lost)' },
        { name: 'force', label: '--force', type: 'bool', default: false, help: 'also delete pods no controller manages' },
        { name: 'gracePeriod', label: '--grace-period (seconds, -1 = the pod’s own)', type: 'number', default: -1, min: -1 },
      ],
      command: (_t, v) =>
        `kubectl drain ${shellQuote(t.name)}${v.ignoreDaemonsets ? ' --ignore-daemonsets' : ''}${v.deleteEmptydirData ? ' --delete-emptydir-data' : ''}${v.force ? ' --force' : ''}${Number(v.gracePeriod) >= 0 ? ` --grace-period=${Number(v.gracePeriod)}` : ''}`,
    },
    {
      id: 'label',
      label: 'Add / edit label…',
      fields: () => [
        { name: 'key', label: 'Key', type: 'text', default: '', placeholder: 'disk', required: true },
        { name: 'value', label: 'Value', type: 'text', default: '', placeholder: 'ssd' },
      ],
      command: (_t, v) => labelNodeCommand(t, String(v.key), String(v.value)),
    },
  ];
  if (labelKeys.length > 0) {
    list.push({
      id: 'unlabel',
      label: 'Remove label…',
      fields: () => [{ name: 'key', label: 'Label', type: 'select', default: labelKeys[0]!, options: labelKeys.map((k) => ({ value: k, label: `${k}=${t.labels[k]}` })) }],
      command: (_t, v) => `kubectl label node ${shellQuote(t.name)} ${shellQuote(`${String(v.key)}-`)}`,
    });
  }
  list.push({
    id: 'taint',
    label: 'Add taint…',
    fields: () => [
      { name: 'key', label: 'Key', type: 'text', default: '', placeholder: 'dedicated', required: true },
      { name: 'value', label: 'Value', type: 'text', default: '', placeholder: 'gpu' },
      {
        name: 'effect',
        label: 'Effect',
        type: 'select',
        default: 'NoSchedule',
        options: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'].map((e) => ({ value: e, label: e })),
      },
    ],
    command: (_t, v) => {
      const value = String(v.value).trim();
      return `kubectl taint nodes ${shellQuote(t.name)} ${shellQuote(`${String(v.key).trim()}${value ? `=${value}` : ''}:${String(v.effect)}`)}`;
    },
  });
  const taints = s?.taints ?? [];
  if (taints.length > 0) {
    list.push({
      id: 'untaint',
      label: 'Remove taint…',
      fields: () => [{ name: 'taint', label: 'Taint', type: 'select', default: taints[0]!, options: taints.map((x) => ({ value: x, label: x })) }],
      command: (_t, v) => {
        const taint = String(v.taint);
        const key = taint.split(/[=:]/)[0]!;
        const effect = taint.slice(taint.lastIndexOf(':') + 1);
        return `kubectl taint nodes ${shellQuote(t.name)} ${shellQuote(`${key}:${effect}-`)}`;
      },
    });
  }
  // A powered-off node can only be powered on, and the other way round.
  list.push(
    s?.poweredOff
      ? { id: 'recover', label: 'Recover (power on)', command: () => `sim node recover ${shellQuote(t.name)}` }
      : { id: 'fail', label: 'Fail (power off)', danger: true, description: () => `Power ${t.name} off: its kubelet stops heartbeating and its containers die. About 40 s later the node is NotReady; after the eviction timeout its pods are deleted.`, command: () => `sim node fail ${shellQuote(t.name)}` },
  );
  list.push({ id: 'remove', label: 'Remove node', danger: true, description: () => `Delete node ${t.name}. Its pods are garbage-collected.`, command: () => `sim node remove ${shellQuote(t.name)}` });
  return dedupe(list);
}

function podActions(t: ActionTarget): ActionDef[] {
  const s = t.summary.kind === 'Pod' ? t.summary : undefined;
  const containers = s?.containers ?? [];
  return [
    { id: 'logs', label: 'Show logs', opens: 'logs', command: () => `kubectl logs ${shellQuote(t.name)}${ns(t)}${containers.length > 1 ? ` -c ${shellQuote(containers[0]!)}` : ''}` },
    {
      id: 'exit',
      label: 'Make container exit…',
      fields: () => [
        { name: 'code', label: 'Exit code', type: 'number', default: 1, min: 0, max: 255 },
        ...(containers.length > 1 ? [{ name: 'container', label: 'Container', type: 'select' as const, default: containers[0]!, options: containers.map((c) => ({ value: c, label: c })) }] : []),
      ],
      description: () => 'The container’s process exits with this code, as if the program crashed (non-zero) or finished (0). The restart policy decides what happens next.',
      command: (_t, v) => `sim pod exit ${shellQuote(t.name)} --code ${Number(v.code)}${v.container ? ` -c ${shellQuote(String(v.container))}` : ''}${ns(t)}`,
    },
    { ...del, label: 'Delete (kill)' },
  ];
}

/** `kubectl edit` the object: the worker opens its YAML in an editor tab; Save applies it. */
export const editAction: ActionDef = {
  id: 'edit',
  label: 'Edit YAML',
  command: (t) => `kubectl edit ${res(t)}/${shellQuote(t.name)}${ns(t)}`,
};

/** The actions offered for a target, in menu order (every kind can also be edited). */
export function actionsFor(t: ActionTarget): ActionDef[] {
  return [...kindActions(t), editAction];
}

function kindActions(t: ActionTarget): ActionDef[] {
  switch (t.kind) {
    case 'Node':
      return nodeActions(t);
    case 'Pod':
      return podActions(t);
    case 'Job': {
      const suspended = t.summary.kind === 'Job' && t.summary.suspended;
      return [patchSuspend(!suspended), cascadeDelete];
    }
    case 'CronJob': {
      const suspended = t.summary.kind === 'CronJob' && t.summary.suspended;
      return [
        { id: 'trigger', label: 'Trigger now', command: (_t, v) => `kubectl create job --from=cronjob/${shellQuote(t.name)} ${shellQuote(String(v.jobName ?? `${t.name}-manual`))}${ns(t)}`, fields: () => [{ name: 'jobName', label: 'Job name', type: 'text', default: `${t.name}-manual-${Math.random().toString(36).slice(2, 7)}`, required: true }] },
        patchSuspend(!suspended),
        cascadeDelete,
      ];
    }
    case 'Deployment':
      return [scale, restart, cascadeDelete];
    case 'ReplicaSet':
      return [scale, cascadeDelete];
    case 'DaemonSet':
      return [restart, cascadeDelete];
    default:
      return [del];
  }
}

function dedupe(list: ActionDef[]): ActionDef[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.id) && seen.add(a.id));
}

/** Default dialog values for an action. */
export function defaults(fields: FieldDef[]): FieldValues {
  return Object.fromEntries(fields.map((f) => [f.name, f.default]));
}

/** `kubectl label node` setting key=value, with --overwrite when the node already has the key. */
export function labelNodeCommand(node: Pick<ActionTarget, 'name' | 'labels'>, key: string, value: string): string {
  const k = key.trim();
  return `kubectl label node ${shellQuote(node.name)} ${shellQuote(`${k}=${value.trim()}`)}${k in node.labels ? ' --overwrite' : ''}`;
}

/** "Add node": the next free worker-N name. */
export function addNodeCommand(existing: readonly string[], name?: string, labels = ''): string {
  let n = existing.length;
  while (existing.includes(`worker-${n}`)) n++;
  const labelFlags = labels
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => ` --label ${shellQuote(l)}`)
    .join('');
  return `sim node add ${shellQuote(name?.trim() || `worker-${n}`)}${labelFlags}`;
}
