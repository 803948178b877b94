/**
 * The shape of a kubectl command, as cobra declares one: name, aliases, usage, flags, subcommands
 * and a run function over a context (client, output, parsed flags, namespace).
 */
import type { KubeClient } from './client.ts';
import type { FileSource, Output } from './io.ts';
import type { FlagDef, FlagValue } from './parse.ts';

export interface CommandContext {
  client: KubeClient;
  out: Output;
  files?: FileSource;
  stdin?: string;
  /** The namespace from -n/--namespace, else `default`. */
  namespace: string;
  namespaceExplicit: boolean;
  args: string[];
  flags: Record<string, FlagValue>;
  /** Flags given explicitly. */
  set: Set<string>;
  /** Words after `--`. */
  dashArgs?: string[];
  /** The full command path, e.g. `kubectl rollout status`. */
  path: string;
}

/** What a command's positional arguments name, for tab completion. */
export type ArgKind = 'resources' | 'pod' | 'node' | 'none';

export interface Command {
  name: string;
  aliases?: string[];
  /** One line for `kubectl --help`. */
  short: string;
  /** The description `kubectl CMD --help` opens with (defaults to `short.`). */
  long?: string;
  /** `--help` examples: [comment, command line]. */
  examples?: [string, string][];
  /** What positional arguments complete to. */
  args?: ArgKind;
  /** The usage line, e.g. `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]`. */
  usage: string;
  flags?: FlagDef[];
  subcommands?: Command[];
  /** Commands with subcommands may omit run (they print help). */
  run?(ctx: CommandContext): void;
  /** Hidden from `kubectl --help` (e.g. `options`). */
  hidden?: boolean;
}

/** Flags every command accepts (kubectl's global options; most are accepted and ignored here). */
export const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'context', type: 'string', default: '', usage: 'The name of the kubeconfig context to use' },
  { name: 'cluster', type: 'string', default: '', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', default: '', usage: 'The name of the kubeconfig user to use' },
  { name: 'kubeconfig', type: 'string', default: '', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'server', short: 's', type: 'string', default: '', usage: 'The address and port of the Kubernetes API server' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'v', short: 'v', type: 'string', default: '0', usage: 'number for the log level verbosity' },
  { name: 'help', short: 'h', type: 'bool', default: false, usage: 'help for this command' },
];

/** Thrown by commands for usage errors: printed as `error: <message>` plus the help hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A plain `error: ...` line with exit code 1 (no help hint). */
export class CommandError extends Error {}
