/**
 * The scenario format: the unit users share and learn from. A scenario is a seed, a cluster shape,
 * the editor's tabs and a timeline of the same text commands the terminal and `bin/kubesim script`
 * accept, each with the virtual time it ran at, plus the virtual time to resume at. Because the
 * engine is deterministic, replaying a scenario (`session.ts`) rebuilds the same cluster anywhere:
 * the same pod names, the same events.
 *
 * Scenarios arrive from URLs and files, so `parseScenario` treats its input as hostile data: it
 * checks every field against the schema and the limits below, reports problems with field paths
 * (`timeline[3].atMs: must not be before timeline[2].atMs`), rejects unknown fields (typos in a
 * hand-edited file should not pass silently) and returns a freshly built object, never the input.
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { parseQuantity, validateLabelKey, validateLabelValue } from '../engine/index.ts';

export const SCENARIO_VERSION = 1;

/** One node of the cluster (what `sim node add` takes). */
export interface ScenarioNode {
  name: string;
  role?: 'control-plane' | 'worker';
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Allocatable cpu, e.g. `4` or `3500m`. */
  cpu?: string;
  /** Allocatable memory, e.g. `8Gi`. */
  memory?: string;
  /** Max pods. */
  pods?: number;
  unschedulable?: boolean;
}

/** An editor tab (or a file a command reads with `-f`). Names may contain `/` (`jobs/job-apple.yaml`). */
export interface ManifestFile {
  name: string;
  text: string;
}

/** One command as typed in the terminal (or echoed by a UI action), at a virtual time. */
export interface TimelineEntry {
  /** Virtual milliseconds since the cluster started. */
  atMs: number;
  /** One `kubectl ...` or `sim ...` line. */
  command: string;
  /** What the command read on stdin (`kubectl apply -f -`). */
  stdin?: string;
  /**
   * Files the command read whose contents differ from the scenario's final `manifests` (the user
   * applied a tab, then edited it). Replay reads these first.
   */
  files?: ManifestFile[];
}

export interface LessonProgress {
  /** The lesson's id (`first-job`). */
  id: string;
  /** Steps ticked off so far. */
  done: number;
}

export interface Scenario {
  version: typeof SCENARIO_VERSION;
  title?: string;
  /** The tutorial this scenario was recorded in, if any, and how many of its steps were done. */
  lesson?: LessonProgress;
  seed: number | string;
  /** The cluster's nodes; omitted means the default cluster (control-plane + worker-1..3). */
  nodes?: ScenarioNode[];
  manifests: ManifestFile[];
  timeline: TimelineEntry[];
  /** Virtual milliseconds since the cluster started at which the shared state was taken. */
  resumeAtMs: number;
}

/** Hard limits on untrusted scenarios. A replay's cost grows with nodes, commands and time. */
export const SCENARIO_LIMITS = {
  titleChars: 200,
  seedChars: 64,
  nodes: 1000,
  manifests: 200,
  fileChars: 1_000_000,
  timelineEntries: 20_000,
  commandChars: 10_000,
  /** How far into virtual time a scenario may reach: a week. */
  durationMs: 7 * 24 * 3600 * 1000,
} as const;

export interface ScenarioIssue {
  path: string;
  message: string;
}

export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    const more = issues.length > 5 ? `\n(and ${issues.length - 5} more)` : '';
    super(`invalid scenario:\n${shown.join('\n')}${more}`);
  }
}

// ---- validation ----

type Obj = Record<string, unknown>;

class Checker {
  readonly issues: ScenarioIssue[] = [];

  fail(path: string, message: string): undefined {
    if (this.issues.length < 100) this.issues.push({ path, message });
    return undefined;
  }

  /** An object whose keys are free-form (labels). */
  map(value: unknown, path: string): Obj | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(path, 'must be an object');
    return value as Obj;
  }

  /** An object with a fixed set of fields; unknown fields are reported. */
  object(value: unknown, path: string, allowed: readonly string[]): Obj | undefined {
    const o = this.map(value, path);
    if (!o) return undefined;
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) this.fail(join(path, key), `unknown field (expected one of: ${allowed.join(', ')})`);
    }
    return o;
  }

  array(value: unknown, path: string, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, 'must be a list');
    if (value.length > max) return this.fail(path, `must have at most ${max} items (has ${value.length})`);
    return value;
  }

  string(value: unknown, path: string, maxChars: number, pattern?: { re: RegExp; what: string }): string | undefined {
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    if (value.length > maxChars) return this.fail(path, `must be at most ${maxChars} characters (has ${value.length})`);
    if (pattern && !pattern.re.test(value)) return this.fail(path, `${JSON.stringify(value.slice(0, 80))} ${pattern.what}`);
    return value;
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return this.fail(path, 'must be an integer');
    if (value < min || value > max) return this.fail(path, `must be between ${min} and ${max}`);
    return value;
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

const DNS1123_SUBDOMAIN = {
  re: /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  what: 'is not a valid node name (lowercase letters, digits, "-" and ".")',
};
/** Tab / file names: path segments of letters, digits, `.`, `_`, `-`; no `..`, no leading `/`. */
const FILE_NAME = {
  re: /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._-]{1,100}(\/[A-Za-z0-9._-]{1,100}){0,7}$/,
  what: 'is not a valid file name (letters, digits, ".", "_", "-", folders separated by "/")',
};
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function checkNode(c: Checker, value: unknown, path: string): ScenarioNode | undefined {
  const o = c.object(value, path, ['name', 'role', 'labels', 'taints', 'cpu', 'memory', 'pods', 'unschedulable']);
  if (!o) return undefined;
  const name = c.string(o.name, join(path, 'name'), 253, DNS1123_SUBDOMAIN);
  const node: ScenarioNode = { name: name ?? '' };
  if (o.role !== undefined) {
    if (o.role === 'control-plane' || o.role === 'worker') node.role = o.role;
    else c.fail(join(path, 'role'), 'must be "control-plane" or "worker"');
  }
  if (o.labels !== undefined) {
    const labels = c.map(o.labels, join(path, 'labels'));
    if (labels) node.labels = checkLabels(c, labels, join(path, 'labels'));
  }
  if (o.taints !== undefined) {
    const taints = c.array(o.taints, join(path, 'taints'), 64) ?? [];
    node.taints = taints.map((t, i) => checkTaint(c, t, join(join(path, 'taints'), i))).filter((t): t is Taint => t !== undefined);
  }
  for (const field of ['cpu', 'memory'] as const) {
    if (o[field] === undefined) continue;
    const q = c.string(o[field], join(path, field), 32);
    if (q !== undefined && parseQuantity(q) === undefined) c.fail(join(path, field), `${JSON.stringify(q)} is not a quantity (examples: 4, 3500m, 8Gi)`);
    else if (q !== undefined) node[field] = q;
  }
  if (o.pods !== undefined) {
    const pods = c.integer(o.pods, join(path, 'pods'), 1, 10_000);
    if (pods !== undefined) node.pods = pods;
  }
  if (o.unschedulable !== undefined) {
    if (typeof o.unschedulable === 'boolean') node.unschedulable = o.unschedulable;
    else c.fail(join(path, 'unschedulable'), 'must be true or false');
  }
  return name === undefined ? undefined : node;
}

function checkLabels(c: Checker, labels: Obj, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = Object.keys(labels);
  if (keys.length > 64) c.fail(path, `must have at most 64 labels (has ${keys.length})`);
  for (const key of keys.slice(0, 64).sort()) {
    const keyError = validateLabelKey(key);
    if (keyError) {
      c.fail(join(path, key), keyError);
      continue;
    }
    const value = c.string(labels[key], join(path, key), 63);
    if (value === undefined) continue;
    const valueError = validateLabelValue(value);
    if (valueError) c.fail(join(path, key), valueError);
    // Label keys passed validation (no `__proto__`), so plain assignment is safe.
    else out[key] = value;
  }
  return out;
}

function checkTaint(c: Checker, value: unknown, path: string): Taint | undefined {
  const o = c.object(value, path, ['key', 'value', 'effect']);
  if (!o) return undefined;
  const key = c.string(o.key, join(path, 'key'), 316);
  if (key !== undefined && validateLabelKey(key)) return c.fail(join(path, 'key'), validateLabelKey(key)!);
  const taintValue = o.value === undefined ? undefined : c.string(o.value, join(path, 'value'), 63);
  if (taintValue !== undefined && validateLabelValue(taintValue)) return c.fail(join(path, 'value'), validateLabelValue(taintValue)!);
  if (typeof o.effect !== 'string' || !TAINT_EFFECTS.includes(o.effect)) return c.fail(join(path, 'effect'), `must be one of ${TAINT_EFFECTS.join(', ')}`);
  if (key === undefined) return undefined;
  return { key, ...(taintValue ? { value: taintValue } : {}), effect: o.effect };
}

function checkFiles(c: Checker, value: unknown, path: string): ManifestFile[] {
  const list = c.array(value, path, SCENARIO_LIMITS.manifests) ?? [];
  const seen = new Set<string>();
  const files: ManifestFile[] = [];
  list.forEach((item, i) => {
    const p = join(path, i);
    const o = c.object(item, p, ['name', 'text']);
    if (!o) return;
    const name = c.string(o.name, join(p, 'name'), 900, FILE_NAME);
    const text = c.string(o.text, join(p, 'text'), SCENARIO_LIMITS.fileChars);
    if (name === undefined || text === undefined) return;
    if (seen.has(name)) c.fail(join(p, 'name'), `duplicate file name ${JSON.stringify(name)}`);
    seen.add(name);
    files.push({ name, text });
  });
  return files;
}

function checkLesson(c: Checker, value: unknown): LessonProgress | undefined {
  const o = c.object(value, 'lesson', ['id', 'done']);
  if (!o) return undefined;
  const id = c.string(o.id, 'lesson.id', 64, { re: /^[a-z0-9-]+$/, what: 'is not a lesson id' });
  const done = c.integer(o.done, 'lesson.done', 0, 1000);
  return id === undefined || done === undefined ? undefined : { id, done };
}

function checkTimeline(c: Checker, value: unknown): TimelineEntry[] {
  const list = c.array(value, 'timeline', SCENARIO_LIMITS.timelineEntries) ?? [];
  const out: TimelineEntry[] = [];
  let previous = 0;
  list.forEach((item, i) => {
    const p = join('timeline', i);
    const o = c.object(item, p, ['atMs', 'command', 'stdin', 'files']);
    if (!o) return;
    const atMs = c.integer(o.atMs, join(p, 'atMs'), 0, SCENARIO_LIMITS.durationMs);
    if (atMs !== undefined && atMs < previous) c.fail(join(p, 'atMs'), `must not be before timeline[${i - 1}].atMs (${previous})`);
    const command = c.string(o.command, join(p, 'command'), SCENARIO_LIMITS.commandChars, {
      re: /^\s*(kubectl|sim)(\s|$)[^\n\r]*$/,
      what: 'is not a single kubectl or sim command',
    });
    if (command !== undefined && /^\s*sim\s+reset(\s|$)/.test(command)) {
      c.fail(join(p, 'command'), '"sim reset" starts a new scenario and cannot appear in a timeline');
    }
    const stdin = o.stdin === undefined ? undefined : c.string(o.stdin, join(p, 'stdin'), SCENARIO_LIMITS.fileChars);
    const files = o.files === undefined ? undefined : checkFiles(c, o.files, join(p, 'files'));
    if (atMs === undefined || command === undefined) return;
    previous = Math.max(previous, atMs);
    out.push({ atMs, command, ...(stdin !== undefined ? { stdin } : {}), ...(files && files.length > 0 ? { files } : {}) });
  });
  return out;
}

/**
 * Validate untrusted data (already JSON-parsed) as a scenario. Returns a new, clean object;
 * throws ScenarioError listing every problem with its field path.
 */
export function parseScenario(data: unknown): Scenario {
  const c = new Checker();
  const o = c.object(data, '', ['version', 'title', 'lesson', 'seed', 'nodes', 'manifests', 'timeline', 'resumeAtMs']);
  if (!o) throw new ScenarioError(c.issues);
  if (o.version !== SCENARIO_VERSION) {
    const found = typeof o.version === 'number' ? String(o.version) : JSON.stringify(o.version ?? null);
    throw new ScenarioError([
      { path: 'version', message: `unsupported scenario version ${found} (this kubesim reads version ${SCENARIO_VERSION})` },
    ]);
  }
  const title = o.title === undefined ? undefined : c.string(o.title, 'title', SCENARIO_LIMITS.titleChars);
  const lesson = o.lesson === undefined ? undefined : checkLesson(c, o.lesson);
  let seed: number | string | undefined;
  if (typeof o.seed === 'number') seed = c.integer(o.seed, 'seed', 0, Number.MAX_SAFE_INTEGER);
  else if (typeof o.seed === 'string') seed = c.string(o.seed, 'seed', SCENARIO_LIMITS.seedChars);
  else c.fail('seed', 'must be a number or a string');
  let nodes: ScenarioNode[] | undefined;
  if (o.nodes !== undefined) {
    const list = c.array(o.nodes, 'nodes', SCENARIO_LIMITS.nodes) ?? [];
    if (list.length === 0 && Array.isArray(o.nodes)) c.fail('nodes', 'must list at least one node (omit it for the default cluster)');
    nodes = list.map((n, i) => checkNode(c, n, join('nodes', i))).filter((n): n is ScenarioNode => n !== undefined);
    const names = new Set<string>();
    nodes.forEach((n, i) => {
      if (names.has(n.name)) c.fail(join(join('nodes', i), 'name'), `duplicate node name ${JSON.stringify(n.name)}`);
      names.add(n.name);
    });
  }
  const manifests = checkFiles(c, o.manifests ?? [], 'manifests');
  const timeline = checkTimeline(c, o.timeline ?? []);
  const resumeAtMs = c.integer(o.resumeAtMs ?? 0, 'resumeAtMs', 0, SCENARIO_LIMITS.durationMs);
  const lastAt = timeline.at(-1)?.atMs ?? 0;
  if (resumeAtMs !== undefined && resumeAtMs < lastAt) c.fail('resumeAtMs', `must not be before the last command (${lastAt})`);
  if (c.issues.length > 0 || seed === undefined || resumeAtMs === undefined) throw new ScenarioError(c.issues);
  return {
    version: SCENARIO_VERSION,
    ...(title !== undefined ? { title } : {}),
    ...(lesson !== undefined ? { lesson } : {}),
    seed,
    ...(nodes !== undefined ? { nodes } : {}),
    manifests,
    timeline,
    resumeAtMs,
  };
}

/** A scenario with nothing in it yet: the default cluster, no tabs, no commands. */
export function emptyScenario(seed: number | string = 1): Scenario {
  return { version: SCENARIO_VERSION, seed, manifests: [], timeline: [], resumeAtMs: 0 };
}
