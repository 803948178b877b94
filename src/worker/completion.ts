/**
 * Tab completion for the terminal: kubectl command names, subcommands, resource types, object
 * names from the live cluster, flags, and the `sim` verbs. Built from kubectl's own command table,
 * so new commands complete as soon as they are registered.
 */
import type { KubeClient } from '../kubectl/client.ts';
import { GLOBAL_FLAGS } from '../kubectl/command.ts';
import { COMMANDS } from '../kubectl/commands/index.ts';
import { findCommand } from '../kubectl/kubectl.ts';
import type { Completion } from './protocol.ts';

const RESOURCE_TYPES = ['pods', 'nodes', 'jobs', 'cronjobs', 'deployments', 'replicasets', 'daemonsets', 'services', 'events', 'namespaces', 'configmaps'];
const SIM_WORDS: Record<string, string[]> = { '': ['advance', 'time', 'reset', 'node', 'pod'], node: ['add', 'remove', 'fail', 'recover'], pod: ['exit'] };
/** Commands whose first argument is a resource type (then names of that type). */
const TYPED = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'edit', 'scale', 'patch', 'explain', 'rollout', 'wait']);

export function complete(line: string, cursor: number, client: KubeClient): Completion {
  const head = line.slice(0, cursor);
  const from = head.search(/\S*$/);
  const word = head.slice(from);
  const words = head.slice(0, from).trim().split(/\s+/).filter(Boolean);
  const candidates = candidatesFor(words, word, client);
  return { items: [...new Set(candidates.filter((c) => c.startsWith(word)))].sort(), from };
}

function candidatesFor(words: string[], word: string, client: KubeClient): string[] {
  if (words.length === 0) return ['kubectl', 'sim', 'clear', 'help'];
  const [tool, ...args] = words;
  if (tool === 'sim') {
    if (args.length === 0) return SIM_WORDS['']!;
    if (args.length === 1) return SIM_WORDS[args[0]!] ?? [];
    if (args[0] === 'node') return names(client, 'Node');
    if (args[0] === 'pod') return names(client, 'Pod');
    return [];
  }
  if (tool !== 'kubectl' && tool !== 'k') return [];
  const positional = args.filter((a) => !a.startsWith('-'));
  const cmd = positional[0] ? findCommand(positional[0]) : undefined;
  if (!cmd) return COMMANDS.map((c) => c.name);
  if (word.startsWith('-')) return [...(cmd.flags ?? []), ...GLOBAL_FLAGS].map((f) => `--${f.name}`);
  if (cmd.subcommands && positional.length === 1) return cmd.subcommands.map((s) => s.name);
  const rest = positional.slice(cmd.subcommands ? 2 : 1);
  if (cmd.name === 'logs' || cmd.name === 'exec') return names(client, 'Pod');
  if (cmd.name === 'cordon' || cmd.name === 'uncordon' || cmd.name === 'drain' || cmd.name === 'taint') return rest.length === 0 && cmd.name === 'taint' ? ['nodes'] : names(client, 'Node');
  if (!TYPED.has(cmd.name) && !cmd.subcommands) return [];
  if (rest.length === 0) {
    if (word.includes('/')) {
      const [type] = word.split('/');
      const def = client.resource(type!);
      return def ? names(client, def.kind).map((n) => `${type}/${n}`) : [];
    }
    return RESOURCE_TYPES;
  }
  const def = client.resource(rest[0]!);
  return def ? names(client, def.kind) : [];
}

function names(client: KubeClient, kind: string): string[] {
  try {
    return client.list(kind).map((o) => o.metadata.name ?? '');
  } catch {
    return [];
  }
}
