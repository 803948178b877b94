/**
 * Tab completion for the terminal line: the first word (kubectl, k, sim, clear, help), the `sim`
 * verbs and the node or pod they take, and for kubectl everything kubectl's own completion knows
 * (src/kubectl/completion.ts: commands, flags, formats, types, names, namespaces).
 */
import type { KubeClient } from '../kubectl/client.ts';
import { completeKubectl } from '../kubectl/completion.ts';
import type { Completion } from './protocol.ts';

const FIRST_WORDS = ['kubectl', 'k', 'sim', 'clear', 'help'];
const SIM_WORDS: Record<string, string[]> = { '': ['advance', 'time', 'reset', 'node', 'pod'], node: ['add', 'remove', 'fail', 'recover'], pod: ['exit'] };

const matching = (candidates: Iterable<string>, prefix: string) => [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort();

function names(client: KubeClient, kind: string): string[] {
  try {
    return client.list(kind).map((o) => o.metadata.name);
  } catch {
    return [];
  }
}

function simCandidates(args: string[], client: KubeClient): string[] {
  if (args.length === 0) return SIM_WORDS['']!;
  if (args.length === 1) return SIM_WORDS[args[0]!] ?? [];
  if (args.length === 2 && args[0] === 'node') return names(client, 'Node');
  if (args.length === 2 && args[0] === 'pod') return names(client, 'Pod');
  return [];
}

export function complete(line: string, cursor: number, client: KubeClient): Completion {
  const head = line.slice(0, cursor);
  const from = head.search(/\S*$/);
  const word = head.slice(from);
  const words = head.slice(0, from).trim().split(/\s+/).filter(Boolean);
  const [tool, ...args] = words;
  if (tool === undefined) return { items: matching(FIRST_WORDS, word), from };
  if (tool === 'sim') return { items: matching(simCandidates(args, client), word), from };
  if (tool !== 'kubectl' && tool !== 'k') return { items: [], from };
  // kubectl's completion reads `kubectl …`; `k` is the terminal's alias for it.
  const lead = head.length - head.trimStart().length;
  const shift = 'kubectl'.length - tool.length;
  const asKubectl = `${head.slice(0, lead)}kubectl${head.slice(lead + tool.length)}`;
  const c = completeKubectl(asKubectl, client, asKubectl.length);
  return { items: c.candidates, from: c.from - shift };
}
