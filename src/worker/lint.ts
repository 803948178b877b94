/**
 * Manifest checks the editor shows before (and after) Apply, positioned at the offending line:
 *
 * - semantic lints users need before they apply: a Job whose pod template would restart Always,
 *   a selector that does not match the template's labels, a DaemonSet nodeSelector that matches no
 *   node of the live cluster, a CronJob schedule that does not parse (or, when it does, its next
 *   three run times in virtual time);
 * - `locateApiErrors`: kubectl's error text after an apply, mapped back to the document and field
 *   (`The Job "pi" is invalid: spec.template.spec.restartPolicy: ...`).
 *
 * Kubernetes rules come from the engine (label selectors, cron parsing), not re-implemented here.
 */
import YAML, { type Document, LineCounter, isMap, isNode, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { type Node, formatTime, labelSelectorMatches, nextRuns, parseSchedule } from '../engine/index.ts';
import type { KubeClient } from '../kubectl/client.ts';
import type { Diagnostic } from './protocol.ts';

export interface LintContext {
  client: KubeClient;
  nowMs: number;
}

type Path = (string | number)[];

interface ParsedDoc {
  doc: Document.Parsed;
  value: Record<string, unknown> | undefined;
}

function parse(text: string): { docs: ParsedDoc[]; lines: LineCounter; errors: Diagnostic[] } {
  const lines = new LineCounter();
  const docs = YAML.parseAllDocuments(text, { lineCounter: lines, version: '1.1', uniqueKeys: false });
  const errors: Diagnostic[] = [];
  const out: ParsedDoc[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const e of doc.errors) {
      const [start, end] = e.linePos ?? [];
      errors.push({ severity: 'error', source: 'yaml', message: e.message.split('\n')[0]!, line: start?.line ?? 1, column: start?.col ?? 1, endLine: end?.line ?? start?.line ?? 1, endColumn: end?.col ?? (start?.col ?? 1) + 1 });
    }
    let value: unknown;
    try {
      value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
    } catch {
      value = undefined;
    }
    out.push({ doc, value: value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined });
  }
  return { docs: out, lines, errors };
}

/** The source range of the deepest node that exists along `path` (the key when it is a map value). */
function rangeAt(d: ParsedDoc, path: Path, lines: LineCounter): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
  let node: unknown = d.doc.contents;
  let best: YamlNode | undefined = isNode(node) ? node : undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(step));
      if (!pair) break;
      best = isNode(pair.value) && !isMap(pair.value) && !isSeq(pair.value) ? pair.value : isNode(pair.key) ? pair.key : best;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
      if (isNode(node)) best = node;
      else break;
    } else break;
  }
  const [from, to] = best?.range ?? [0, 1];
  const a = lines.linePos(from);
  const b = lines.linePos(Math.max(from + 1, to));
  // A multi-line node (a whole map) is marked on its first line only.
  return b.line === a.line ? { line: a.line, column: a.col, endLine: b.line, endColumn: b.col } : { line: a.line, column: a.col, endLine: a.line, endColumn: a.col + 200 };
}

function get(obj: unknown, path: Path): unknown {
  let v = obj;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

/** Where a workload keeps its pod template, by kind. */
const TEMPLATE_PATHS: Record<string, Path> = {
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
};

export function lintManifest(text: string, ctx: LintContext): Diagnostic[] {
  const { docs, lines, errors } = parse(text);
  const out: Diagnostic[] = [...errors];
  for (const d of docs) {
    const m = d.value;
    if (!m || typeof m.kind !== 'string') continue;
    const at = (path: Path, severity: Diagnostic['severity'], message: string) => out.push({ severity, source: 'kubesim', message, ...rangeAt(d, path, lines) });
    const templatePath = TEMPLATE_PATHS[m.kind];
    if ((m.kind === 'Job' || m.kind === 'CronJob') && templatePath) {
      const rp = get(m, [...templatePath, 'spec', 'restartPolicy']);
      if (rp === 'Always' || rp === undefined) {
        const where = rp === undefined ? [...templatePath, 'spec'] : [...templatePath, 'spec', 'restartPolicy'];
        at(where, 'error', `A Job's pods must have restartPolicy Never or OnFailure${rp === undefined ? ' (the default, Always, is rejected)' : ''}: the API server will refuse this manifest.`);
      }
    }
    if (templatePath && m.kind !== 'CronJob') lintSelector(m, templatePath, at);
    if (m.kind === 'DaemonSet') lintNodeSelector(m, ctx, at);
    if (m.kind === 'CronJob') lintSchedule(m, ctx, at);
  }
  return out;
}

type At = (path: Path, severity: Diagnostic['severity'], message: string) => void;

function lintSelector(m: Record<string, unknown>, templatePath: Path, at: At): void {
  const selector = get(m, ['spec', 'selector']) as Parameters<typeof labelSelectorMatches>[0];
  if (!selector || (m.kind === 'Job' && get(m, ['spec', 'manualSelector']) !== true)) return;
  const labels = (get(m, [...templatePath, 'metadata', 'labels']) ?? {}) as Record<string, string>;
  if (!labelSelectorMatches(selector, labels)) {
    at(['spec', 'selector'], 'error', '`selector` does not match template `labels`: the controller could never find its own pods, so the API server rejects this.');
  }
}

function lintNodeSelector(m: Record<string, unknown>, ctx: LintContext, at: At): void {
  const nodeSelector = get(m, ['spec', 'template', 'spec', 'nodeSelector']) as Record<string, string> | undefined;
  if (!nodeSelector || typeof nodeSelector !== 'object' || Object.keys(nodeSelector).length === 0) return;
  const nodes = ctx.client.list<Node>('Node');
  const matching = nodes.filter((n) => Object.entries(nodeSelector).every(([k, v]) => n.metadata.labels?.[k] === String(v)));
  if (matching.length === 0) {
    const pairs = Object.entries(nodeSelector).map(([k, v]) => `${k}=${v}`).join(',');
    at(['spec', 'template', 'spec', 'nodeSelector'], 'warning', `No node matches nodeSelector ${pairs}: this DaemonSet will run 0 pods until a node is labelled (kubectl label node worker-1 ${pairs}).`);
  }
}

function lintSchedule(m: Record<string, unknown>, ctx: LintContext, at: At): void {
  const schedule = get(m, ['spec', 'schedule']);
  if (typeof schedule !== 'string') return;
  const tz = get(m, ['spec', 'timeZone']);
  const parsed = parseSchedule(schedule, typeof tz === 'string' ? tz : undefined);
  if (parsed instanceof Error) {
    at(['spec', 'schedule'], 'error', `Invalid schedule: ${parsed.message}`);
    return;
  }
  const runs = nextRuns(parsed, ctx.nowMs, 3).map(formatTime);
  at(['spec', 'schedule'], 'info', `Next runs (virtual time): ${runs.join(', ')}`);
}

/**
 * kubectl's stderr after `apply -f <file>` mapped to the file's lines: validation errors go to
 * their field, other errors naming an object go to its document, YAML errors to their line.
 */
export function locateApiErrors(text: string, stderr: string): Diagnostic[] {
  const { docs, lines } = parse(text);
  const out: Diagnostic[] = [];
  const docFor = (kind: string | undefined, name: string) =>
    docs.find((d) => d.value && (kind === undefined || d.value.kind === kind) && get(d.value, ['metadata', 'name']) === name);
  const push = (d: ParsedDoc | undefined, path: Path, message: string) => {
    if (d) out.push({ severity: 'error', source: 'apiserver', message, ...rangeAt(d, path, lines) });
  };
  const blocks = stderr.split(/\n(?=The |Error |error: )/);
  for (const block of blocks) {
    const invalid = /^The (\w+) "([^"]*)" is invalid: ?([\s\S]*)$/.exec(block.trim());
    if (invalid) {
      const d = docFor(invalid[1], invalid[2]!);
      const causes = invalid[3]!.split('\n').map((c) => c.replace(/^\* /, '').trim()).filter(Boolean);
      for (const cause of causes) {
        const fm = /^([A-Za-z][\w.[\]/-]*): (.*)$/.exec(cause);
        if (fm) push(d, fieldPath(fm[1]!), `${fm[1]}: ${fm[2]}`);
        else push(d, [], cause);
      }
      continue;
    }
    const parseError = /line (\d+): (.*)$/m.exec(block);
    if (parseError && /error parsing|yaml:/.test(block)) {
      const line = Number(parseError[1]);
      out.push({ severity: 'error', source: 'apiserver', message: block.trim(), line, column: 1, endLine: line, endColumn: 200 });
      continue;
    }
    const named = /"([^"]+)"/.exec(block);
    if (named && block.trim()) push(docFor(undefined, named[1]!), ['metadata', 'name'], block.trim());
  }
  return out;
}

/** `spec.template.spec.containers[0].image` → ['spec','template','spec','containers',0,'image']. */
export function fieldPath(field: string): Path {
  const out: Path = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!);
  }
  return out;
}
