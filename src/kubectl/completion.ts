/**
 * Tab completion for the terminal (pure; runs next to `runKubectl`, which knows the cluster):
 * command and subcommand names, flags (and `-o` formats), resource types, `type/name` forms,
 * object names of the type being typed (in the namespace `-n` names), namespaces and nodes.
 * Like cobra's `__complete`, it answers with the candidates for the word under the cursor and
 * where that word starts.
 */
import type { KubeClient } from './client.ts';
import { type Command, GLOBAL_FLAGS } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import type { FlagDef } from './parse.ts';
import { OUTPUT_FORMATS } from './printers/output.ts';

export interface Completion {
  /** Offset in the line where the completed word starts (replace from here to the cursor). */
  from: number;
  /** Sorted candidates that start with the word typed so far. */
  candidates: string[];
}

/** Words of `line` with their start offsets (quotes are kept out of the way: completion is about bare words). */
function words(line: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0].replace(/^['"]|['"]$/g, ''), start: m.index });
  return out;
}

function findIn(list: readonly Command[], name: string): Command | undefined {
  return list.find((c) => c.name === name || c.aliases?.includes(name));
}

function flagTakesValue(def: FlagDef | undefined): boolean {
  return def !== undefined && def.type !== 'bool';
}

/** Every resource type name kubectl accepts: plurals, short names, singulars, `all`. */
export function resourceTypeNames(client: KubeClient): string[] {
  const names = new Set<string>(['all']);
  for (const k of client.kinds()) {
    names.add(k.plural);
    names.add(k.singular);
    for (const s of k.shortNames) names.add(s);
  }
  return [...names].sort();
}

function objectNames(client: KubeClient, type: string, namespace: string): string[] {
  const def = client.resource(type);
  if (!def) return [];
  try {
    return client.list(def.kind, def.namespaced ? { namespace } : {}).map((o) => o.metadata.name);
  } catch {
    return [];
  }
}

const matching = (candidates: Iterable<string>, prefix: string): string[] => [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort();

/** Complete the word that ends at `cursor` (default: the end of the line). */
export function completeKubectl(line: string, client: KubeClient, cursor = line.length): Completion {
  const head = line.slice(0, cursor);
  const all = words(head);
  const current = /\s$/.test(head) || all.length === 0 ? { text: '', start: cursor } : all.pop()!;
  if (all[0]?.text === 'kubectl') all.shift();
  else if (all.length === 0 && current.text !== 'kubectl' && 'kubectl'.startsWith(current.text)) return { from: current.start, candidates: ['kubectl'] };

  // Walk the command path and positional arguments, skipping flags and their values.
  let list: readonly Command[] = COMMANDS;
  let cmd: Command | undefined;
  const positionals: string[] = [];
  let namespace = 'default';
  let pendingFlag: FlagDef | undefined;
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!.text;
    const flags = [...GLOBAL_FLAGS, ...(cmd?.flags ?? [])];
    if (pendingFlag) {
      if (pendingFlag.name === 'namespace') namespace = w;
      pendingFlag = undefined;
      continue;
    }
    if (w.startsWith('-')) {
      const [name, value] = w.replace(/^--?/, '').split('=', 2) as [string, string | undefined];
      const def = w.startsWith('--') ? flags.find((f) => f.name === name) : flags.find((f) => f.short === name[0]);
      if (def?.name === 'namespace' && value !== undefined) namespace = value;
      else if (def?.name === 'namespace' && !w.startsWith('--') && name.length > 1) namespace = name.slice(1);
      if (flagTakesValue(def) && value === undefined && (w.startsWith('--') || name.length === 1)) pendingFlag = def;
      continue;
    }
    const sub = positionals.length === 0 ? findIn(list, w) : undefined;
    if (sub) {
      cmd = sub;
      list = sub.subcommands ?? [];
      continue;
    }
    positionals.push(w);
  }
  const flags = [...GLOBAL_FLAGS, ...(cmd?.flags ?? [])];
  const word = current.text;
  const at = (candidates: Iterable<string>, from = current.start, prefix = word): Completion => ({ from, candidates: matching(candidates, prefix) });

  // A flag's value: `-n <ns>`, `-o <format>`, `--output=<format>`.
  const valueOf = (def: FlagDef | undefined): string[] | undefined => {
    if (!def) return undefined;
    if (def.name === 'namespace') return objectNames(client, 'namespaces', namespace);
    if (def.name === 'output') return [...OUTPUT_FORMATS().map((f) => (f.startsWith('jsonpath') || f.startsWith('custom-columns') ? `${f}=` : f)), 'wide'];
    if (def.name === 'cascade') return ['background', 'foreground', 'orphan'];
    if (def.name === 'dry-run') return ['none', 'client', 'server'];
    if (def.name === 'type' && cmd?.name === 'patch') return ['json', 'merge', 'strategic'];
    return [];
  };
  if (pendingFlag) return at(valueOf(pendingFlag) ?? []);
  if (word.startsWith('--') && word.includes('=')) {
    const name = word.slice(2, word.indexOf('='));
    const values = valueOf(flags.find((f) => f.name === name));
    const start = current.start + word.indexOf('=') + 1;
    return at(values ?? [], start, word.slice(word.indexOf('=') + 1));
  }
  if (word.startsWith('-')) {
    return at(flags.filter((f) => !f.hidden).flatMap((f) => [`--${f.name}`, ...(f.short && word.length <= 2 ? [`-${f.short}`] : [])]));
  }
  if (!cmd || (cmd.subcommands && cmd.subcommands.length > 0 && positionals.length === 0 && !cmd.run)) {
    return at(list.filter((c) => !c.hidden).map((c) => c.name));
  }
  if (cmd.subcommands && cmd.subcommands.length > 0 && positionals.length === 0) {
    const subs = list.filter((c) => !c.hidden).map((c) => c.name);
    if (cmd.args !== 'resources') return at(subs);
  }
  switch (cmd.args) {
    case 'resources': {
      const slash = word.indexOf('/');
      if (slash >= 0) {
        const type = word.slice(0, slash);
        return at(objectNames(client, type, namespace).map((n) => `${type}/${n}`));
      }
      if (positionals.length === 0 || positionals.every((p) => p.includes('/'))) {
        const types = resourceTypeNames(client);
        return at(cmd.name === 'get' || cmd.name === 'delete' ? types : types.filter((t) => t !== 'all'));
      }
      const type = positionals[0]!.split(',')[0]!;
      return at(objectNames(client, type, namespace));
    }
    case 'pod':
      return positionals.length === 0 ? at([...objectNames(client, 'pods', namespace), ...(word.includes('/') ? [] : ['deployment/', 'job/', 'pod/'])]) : at([]);
    case 'node':
      return at(objectNames(client, 'nodes', namespace));
    default:
      return at([]);
  }
}
