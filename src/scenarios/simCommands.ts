/**
 * The `sim` commands scripts and the terminal use to drive what kubectl cannot: time, nodes
 * (add / remove / fail / recover), container exits, and a fresh cluster.
 *
 *   sim advance DURATION            run virtual time forward (90s, 5m, 1h30m)
 *   sim time                        print the virtual time
 *   sim reset [--nodes N] [--seed S]
 *   sim node add NAME [--label k=v]... [--taint k=v:Effect]... [--cpu N] [--memory Q] [--pods N]
 *   sim node remove|fail|recover NAME
 *   sim pod exit (POD | -l SELECTOR) --code N [--container C] [-n NS]
 */
import type { Taint } from 'kubernetes-types/core/v1';
import { type NodeOptions, StatusError, formatTime, humanDuration, matches, parseDuration, parseSelector } from '../engine/index.ts';
import { FlagError, parseFlags, type FlagDef } from '../kubectl/parse.ts';

export interface SimHost {
  advance(ms: number): void;
  now(): number;
  startMs(): number;
  reset(options: { workers?: number; seed?: string }): void;
  addNode(options: NodeOptions): void;
  removeNode(name: string): void;
  failNode(name: string): void;
  recoverNode(name: string): void;
  exitContainer(namespace: string, pod: string, code: number, container?: string): boolean;
  podExists(namespace: string, pod: string): boolean;
  /** The pods of a namespace (for `-l`). */
  listPods(namespace: string): readonly { metadata: { name: string; labels?: Readonly<Record<string, string>> } }[];
}

export interface SimResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const SIM_USAGE = `Usage:
  sim advance DURATION
  sim time
  sim reset [--nodes N] [--seed S]
  sim node add NAME [--label k=v]... [--taint k=v:Effect]... [--cpu N] [--memory Q] [--pods N]
  sim node remove|fail|recover NAME
  sim pod exit (POD | -l SELECTOR) --code N [--container C] [-n NAMESPACE]
`;

const NODE_FLAGS: FlagDef[] = [
  { name: 'label', type: 'stringArray', default: [], usage: 'label k=v' },
  { name: 'taint', type: 'stringArray', default: [], usage: 'taint k=v:Effect' },
  { name: 'cpu', type: 'string', default: '', usage: 'allocatable cpu' },
  { name: 'memory', type: 'string', default: '', usage: 'allocatable memory' },
  { name: 'pods', type: 'int', default: 110, usage: 'max pods' },
  { name: 'role', type: 'string', default: 'worker', usage: 'worker or control-plane' },
];

/** `key=value:Effect` or `key:Effect` as kubectl taint writes it. */
export function parseTaint(text: string): Taint | Error {
  const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(text);
  if (!m) return new Error(`invalid taint spec: ${text}, The taint spec should be in the format key=value:Effect`);
  return { key: m[1]!, ...(m[2] !== undefined && m[2] !== '' ? { value: m[2] } : {}), effect: m[3]! };
}

const ok = (stdout = ''): SimResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string): SimResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode: 1 });

/** Run one `sim ...` command (words after `sim`). Throws FlagError-derived SimSyntaxError for bad usage. */
export function runSim(words: readonly string[], host: SimHost): SimResult {
  const [verb, ...rest] = words;
  try {
    switch (verb) {
      case 'advance': {
        const ms = rest[0] !== undefined ? parseDuration(rest[0]) : undefined;
        if (ms === undefined || ms < 0) return fail(`sim: invalid duration "${rest[0] ?? ''}" (examples: 90s, 5m, 1h30m)`);
        host.advance(ms);
        return ok();
      }
      case 'time':
        return ok(`${formatTime(host.now())} (t=${humanDuration(host.now() - host.startMs())})\n`);
      case 'reset': {
        const p = parseFlags(rest, [
          { name: 'nodes', type: 'int', default: 3, usage: 'workers' },
          { name: 'seed', type: 'string', default: '', usage: 'seed' },
        ]);
        host.reset({ workers: Number(p.flags.nodes), ...(p.flags.seed ? { seed: String(p.flags.seed) } : {}) });
        return ok();
      }
      case 'node':
        return nodeCommand(rest, host);
      case 'pod':
        return podCommand(rest, host);
      default:
        return fail(`sim: unknown command "${verb ?? ''}"\n${SIM_USAGE}`);
    }
  } catch (e) {
    if (e instanceof StatusError) return fail(e.kubectlMessage);
    if (e instanceof FlagError) return fail(`sim: ${e.message}`);
    throw e;
  }
}

function nodeCommand(words: readonly string[], host: SimHost): SimResult {
  const [action, ...rest] = words;
  const p = parseFlags(rest, NODE_FLAGS);
  const name = p.args[0];
  if (!name) return fail(`sim node ${action ?? ''}: NODE is required\n${SIM_USAGE}`);
  switch (action) {
    case 'add': {
      const labels: Record<string, string> = {};
      for (const l of p.flags.label as string[]) {
        const eq = l.indexOf('=');
        labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
      }
      const taints: Taint[] = [];
      for (const t of p.flags.taint as string[]) {
        const taint = parseTaint(t);
        if (taint instanceof Error) return fail(`sim: ${taint.message}`);
        taints.push(taint);
      }
      host.addNode({
        name,
        labels,
        taints,
        ...(p.flags.cpu ? { cpu: String(p.flags.cpu) } : {}),
        ...(p.flags.memory ? { memory: String(p.flags.memory) } : {}),
        pods: Number(p.flags.pods),
        role: p.flags.role === 'control-plane' ? 'control-plane' : 'worker',
      });
      return ok(`node/${name} added\n`);
    }
    case 'remove':
      host.removeNode(name);
      return ok(`node/${name} removed\n`);
    case 'fail':
      host.failNode(name);
      return ok(`node/${name} failed\n`);
    case 'recover':
      host.recoverNode(name);
      return ok(`node/${name} recovered\n`);
    default:
      return fail(`sim node: unknown action "${action ?? ''}"\n${SIM_USAGE}`);
  }
}

function podCommand(words: readonly string[], host: SimHost): SimResult {
  const [action, ...rest] = words;
  if (action !== 'exit') return fail(`sim pod: unknown action "${action ?? ''}"\n${SIM_USAGE}`);
  const p = parseFlags(rest, [
    { name: 'code', type: 'int', default: 0, usage: 'exit code' },
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'container' },
    { name: 'namespace', short: 'n', type: 'string', default: 'default', usage: 'namespace' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'label selector' },
  ]);
  const ns = String(p.flags.namespace);
  const container = p.flags.container ? String(p.flags.container) : undefined;
  const code = Number(p.flags.code);
  const selectorText = String(p.flags.selector);
  if (selectorText) {
    if (p.args.length > 0) return fail('sim pod exit: give a POD or -l SELECTOR, not both');
    const selector = parseSelector(selectorText);
    if (selector instanceof Error) return fail(`sim: ${selector.message}`);
    const names = host
      .listPods(ns)
      .filter((pod) => matches(selector, pod.metadata.labels))
      .map((pod) => pod.metadata.name)
      .sort();
    // Every matching pod with a running container exits, as `kubectl delete -l` acts on every match.
    const exited = names.filter((name) => host.exitContainer(ns, name, code, container)).map((name) => `pod/${name}: container exited with code ${code}\n`);
    if (exited.length === 0) return fail(`sim: no running container in pods matching ${selectorText}`);
    return ok(exited.join(''));
  }
  const pod = p.args[0];
  if (!pod) return fail(`sim pod exit: POD or -l SELECTOR is required\n${SIM_USAGE}`);
  if (!host.podExists(ns, pod)) return fail(`Error from server (NotFound): pods "${pod}" not found`);
  if (!host.exitContainer(ns, pod, code, container)) {
    return fail(`sim: pod ${pod} has no running container${container ? ` named ${container}` : ''}`);
  }
  return ok();
}
