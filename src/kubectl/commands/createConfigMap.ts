/**
 * `kubectl create configmap NAME` and `kubectl create secret generic NAME`: data from
 * `--from-literal=key=value`, `--from-file=[key=]path` (a file, or every file of a directory) and
 * `--from-env-file`, with kubectl's errors for malformed sources and duplicate keys.
 */
import type { Command, CommandContext } from '../command.ts';
import { CommandError } from '../command.ts';
import type { FlagDef } from '../parse.ts';
import { IMPERATIVE_FLAGS, createImperative, requireOneName } from './createImperative.ts';

const SOURCE_FLAGS: FlagDef[] = [
  { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the configmap to its name.' },
  { name: 'from-env-file', type: 'stringArray', default: [], usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
  { name: 'from-file', type: 'stringArray', default: [], usage: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
  { name: 'from-literal', type: 'stringArray', default: [], usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
];

/** Collect key/value data from the source flags, in kubectl's order (files, literals, env files). */
export function collectData(ctx: CommandContext, kindName: string, objectName: string): Record<string, string> {
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (key in data) throw new CommandError(`cannot add key "${key}", another key by that name already exists in Data for ${kindName} "${objectName}"`);
    data[key] = value;
  };
  for (const source of ctx.flags['from-file'] as string[]) {
    const eq = source.indexOf('=');
    const [key, path] = eq < 0 ? [undefined, source] : [source.slice(0, eq), source.slice(eq + 1)];
    const entries = ctx.files?.list?.(path);
    if (entries && key === undefined) {
      for (const f of [...entries].sort()) add(f, ctx.files!.read(`${path.replace(/\/$/, '')}/${f}`) ?? '');
      continue;
    }
    const text = ctx.files?.read(path);
    if (text === undefined) throw new CommandError(`error reading ${path}: no such file or directory`);
    add(key ?? path.slice(path.lastIndexOf('/') + 1), text);
  }
  for (const literal of ctx.flags['from-literal'] as string[]) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new CommandError(`invalid literal source ${literal}, expected key=value`);
    add(literal.slice(0, eq), literal.slice(eq + 1));
  }
  for (const path of ctx.flags['from-env-file'] as string[]) {
    const text = ctx.files?.read(path);
    if (text === undefined) throw new CommandError(`error reading ${path}: no such file or directory`);
    for (const line of text.split('\n')) {
      const l = line.trim();
      if (l === '' || l.startsWith('#')) continue;
      const eq = l.indexOf('=');
      if (eq < 0) throw new CommandError(`invalid env: "${l}"`);
      add(l.slice(0, eq), l.slice(eq + 1));
    }
  }
  return data;
}

export const createConfigMap: Command = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  examples: [
    ['Create a new config map named my-config based on folder bar', 'kubectl create configmap my-config --from-file=path/to/bar'],
    ['Create a new config map named my-config with key1=config1 and key2=config2', 'kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2'],
  ],
  usage: 'kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...IMPERATIVE_FLAGS, ...SOURCE_FLAGS],
  run(ctx) {
    const name = requireOneName(ctx);
    const data = collectData(ctx, 'ConfigMap', name);
    createImperative(ctx, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, ...(Object.keys(data).length > 0 ? { data } : {}) });
  },
};

/** Standard base64 of the UTF-8 bytes (what a Secret's data holds). */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63]! : '=';
  }
  return out;
}

const createSecretGeneric: Command = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  examples: [
    ['Create a new secret named my-secret with keys for each file in folder bar', 'kubectl create secret generic my-secret --from-file=path/to/bar'],
    ['Create a new secret named my-secret with key1=supersecret and key2=topsecret', 'kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret'],
  ],
  usage: 'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...IMPERATIVE_FLAGS, ...SOURCE_FLAGS, { name: 'type', type: 'string', default: '', usage: 'The type of secret to create' }],
  run(ctx) {
    const name = requireOneName(ctx);
    const data = Object.fromEntries(Object.entries(collectData(ctx, 'Secret', name)).map(([k, v]) => [k, base64(v)]));
    const type = String(ctx.flags.type ?? '');
    createImperative(ctx, { apiVersion: 'v1', kind: 'Secret', metadata: { name }, ...(Object.keys(data).length > 0 ? { data } : {}), ...(type ? { type } : {}) });
  },
};

export const createSecret: Command = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
  usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
  subcommands: [createSecretGeneric],
};
