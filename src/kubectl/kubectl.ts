/**
 * kubectl's entry point: parse a command line, find the command (and subcommand), parse its flags,
 * run it against a KubeClient, and turn every failure into the text and exit code the real kubectl
 * prints. Pure: no DOM, no Node — the browser terminal, the CLI and the tests all call `runKubectl`.
 */
import { StatusError } from '../engine/index.ts';
import type { KubeClient } from './client.ts';
import { type Command, type CommandContext, CommandError, GLOBAL_FLAGS, UsageError } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { type FileSource, type KubectlResult, Output } from './io.ts';
import { FlagError, parseFlags, splitCommandLine } from './parse.ts';
import { optionsText } from './help.ts';
import './printers/index.ts';
export { finishEdit } from './commands/edit.ts';

export interface KubectlOptions {
  stdin?: string;
  files?: FileSource;
}

export function findCommand(name: string, list: readonly Command[] = COMMANDS): Command | undefined {
  return list.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Levenshtein distance, for "Did you mean this?". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

function unknownCommand(name: string, out: Output): void {
  const suggestions = COMMANDS.filter((c) => distance(c.name, name) <= 2 || c.name.startsWith(name)).map((c) => c.name);
  let text = `Error: unknown command "${name}" for "kubectl"`;
  if (suggestions.length > 0) text += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n`;
  out.fail(text);
}

/** cobra's name column: the longest sibling name (at least 11) plus 3. */
function namePadding(names: readonly string[]): number {
  return Math.max(11, ...names.map((n) => n.length)) + 3;
}

/** `kubectl CMD --help`, laid out as kubectl's templates do. */
export function helpText(cmd: Command, path: string): string {
  const lines = [cmd.long ?? `${cmd.short}.`, ''];
  if (cmd.examples && cmd.examples.length > 0) {
    lines.push('Examples:');
    cmd.examples.forEach(([comment, example], i) => {
      if (i > 0) lines.push('  ');
      lines.push(`  # ${comment}`, `  ${example}`);
    });
    lines.push('');
  }
  const subs = (cmd.subcommands ?? []).filter((c) => !c.hidden);
  if (subs.length > 0) {
    lines.push('Available Commands:');
    const width = namePadding(subs.map((c) => c.name));
    for (const c of subs) lines.push(`  ${c.name.padEnd(width)}${c.short}`);
    lines.push('');
  }
  const own = (cmd.flags ?? []).filter((f) => !f.hidden);
  if (own.length > 0) lines.push('Options:', optionsText(own));
  lines.push('Usage:', `  ${cmd.usage}`, '');
  if (subs.length > 0) lines.push(`Use "${path} <command> --help" for more information about a given command.`);
  lines.push('Use "kubectl options" for a list of global command-line options (applies to all commands).', '');
  return lines.join('\n');
}

/** `kubectl --help` groups, as kubectl lists them; commands not named here go under "Other Commands". */
const GROUPS: [string, string[]][] = [
  ['Basic Commands (Beginner)', ['create', 'expose', 'run', 'set']],
  ['Basic Commands (Intermediate)', ['explain', 'get', 'edit', 'delete']],
  ['Deploy Commands', ['rollout', 'scale', 'autoscale']],
  ['Cluster Management Commands', ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint']],
  ['Troubleshooting and Debugging Commands', ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events']],
  ['Advanced Commands', ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize']],
  ['Settings Commands', ['label', 'annotate', 'completion']],
];

export function rootHelp(): string {
  const visible = COMMANDS.filter((c) => !c.hidden);
  const width = Math.max(16, namePadding(visible.map((c) => c.name)));
  const lines = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', ''];
  const grouped = new Set<string>();
  for (const [title, names] of GROUPS) {
    const members = names.map((n) => visible.find((c) => c.name === n)).filter((c): c is Command => c !== undefined);
    if (members.length === 0) continue;
    lines.push(`${title}:`, ...members.map((c) => `  ${c.name.padEnd(width)}${c.short}`), '');
    for (const c of members) grouped.add(c.name);
  }
  const other = visible.filter((c) => !grouped.has(c.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (other.length > 0) lines.push('Other Commands:', ...other.map((c) => `  ${c.name.padEnd(width)}${c.short}`), '');
  lines.push('Usage:', '  kubectl [flags] [options]', '', 'Use "kubectl <command> --help" for more information about a given command.', 'Use "kubectl options" for a list of global command-line options (applies to all commands).', '');
  return lines.join('\n');
}

/** Run `kubectl ...` given as words (without the leading `kubectl`) or as one line. */
export function runKubectl(input: string | readonly string[], client: KubeClient, options: KubectlOptions = {}): KubectlResult {
  const out = new Output();
  let argv: string[];
  if (typeof input === 'string') {
    const words = splitCommandLine(input);
    if (words instanceof Error) {
      out.fail(`error: ${words.message}`);
      return out.result();
    }
    argv = words[0] === 'kubectl' ? words.slice(1) : words;
  } else argv = [...input];

  // The command path: leading words that name commands/subcommands (flags may come first).
  let list: readonly Command[] = COMMANDS;
  let cmd: Command | undefined;
  const path = ['kubectl'];
  const rest: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const w = argv[i]!;
    if (w.startsWith('-')) {
      rest.push(w);
      // A global flag's value (`-n default get pods`).
      if ((w === '-n' || w === '--namespace' || w === '--context' || w === '-s') && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    const found = findCommand(w, list);
    if (!found) break;
    cmd = found;
    path.push(found.name);
    list = found.subcommands ?? [];
    if (list.length === 0) {
      i++;
      break;
    }
  }
  rest.push(...argv.slice(i));
  if (!cmd) {
    const word = argv.find((w) => !w.startsWith('-'));
    if (word) unknownCommand(word, out);
    else out.out(rootHelp());
    return out.result();
  }
  const pathText = path.join(' ');
  let parsed;
  try {
    parsed = parseFlags(rest, [...GLOBAL_FLAGS, ...(cmd.flags ?? [])]);
  } catch (e) {
    if (e instanceof FlagError) {
      out.fail(`Error: ${e.message}\nSee '${pathText} --help' for usage.`);
      return out.result();
    }
    throw e;
  }
  if (parsed.flags.help || !cmd.run) {
    out.out(helpText(cmd, pathText));
    return out.result();
  }
  const namespace = String(parsed.flags.namespace || '') || 'default';
  const ctx: CommandContext = {
    client,
    out,
    ...(options.files ? { files: options.files } : {}),
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    namespace,
    namespaceExplicit: parsed.set.has('namespace'),
    args: parsed.args,
    flags: parsed.flags,
    set: parsed.set,
    ...(parsed.dashArgs ? { dashArgs: parsed.dashArgs } : {}),
    path: pathText,
  };
  try {
    cmd.run(ctx);
  } catch (e) {
    if (e instanceof StatusError) out.fail(e.kubectlMessage);
    else if (e instanceof UsageError) out.fail(`${e.hint ?? ''}error: ${e.message}\nSee '${pathText} -h' for help and examples`);
    else if (e instanceof CommandError) out.fail(`error: ${e.message}`);
    else out.fail(`error: internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
  return out.result();
}
