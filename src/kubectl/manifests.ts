/**
 * Reading manifests for `-f`: files, directories (their .yaml/.yml/.json files, sorted), `-` for
 * stdin; multi-document YAML and `kind: List`. Parse errors read like kubectl's.
 */
import YAML from 'yaml';
import type { Manifest } from '../engine/index.ts';
import { CommandError } from './command.ts';
import type { FileSource } from './io.ts';

export interface SourcedManifest {
  manifest: Manifest;
  /** The file it came from (`STDIN` for -). */
  source: string;
}

function parseDocuments(text: string, source: string): Manifest[] {
  const docs = YAML.parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  const out: Manifest[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const line = e.linePos?.[0]?.line;
      throw new CommandError(`error parsing ${source}: error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ''}${yamlMessage(e.message)}`);
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new CommandError(`error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const m = value as Manifest;
    if (m.kind === 'List' && Array.isArray((m as { items?: unknown }).items)) out.push(...((m as { items: Manifest[] }).items ?? []));
    else out.push(m);
  }
  return out;
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (/Implicit map keys need to be followed by map values|Nested mappings are not allowed/.test(first)) return 'mapping values are not allowed in this context';
  if (/bad indentation|All mapping items must start at the same column/i.test(first)) return 'did not find expected key';
  return first.replace(/ at line \d+, column \d+.*$/, '');
}

/** Every manifest named by `-f` values, in order; `recursive` (-R) descends into subdirectories. */
export function loadManifests(filenames: readonly string[], files: FileSource | undefined, stdin: string | undefined, recursive = false): SourcedManifest[] {
  const out: SourcedManifest[] = [];
  const readDir = (dir: string, entries: string[]) => {
    for (const f of [...entries].sort()) {
      const path = `${dir.replace(/\/$/, '')}/${f}`;
      const sub = recursive ? files?.list?.(path) : undefined;
      if (sub) readDir(path, sub);
      else if (/\.(ya?ml|json)$/.test(f)) for (const manifest of parseDocuments(files!.read(path) ?? '', path)) out.push({ manifest, source: path });
    }
  };
  for (const name of filenames) {
    if (name === '-') {
      for (const manifest of parseDocuments(stdin ?? '', 'STDIN')) out.push({ manifest, source: 'STDIN' });
      continue;
    }
    if (/^https?:\/\//.test(name)) {
      // kubesim has no network: a URL reads like a file the host may provide under the same name.
      const text = files?.read(name);
      if (text === undefined) throw new CommandError(`unable to read URL "${name}", server reported 404 Not Found, status code=404`);
      for (const manifest of parseDocuments(text, name)) out.push({ manifest, source: name });
      continue;
    }
    const entries = files?.list?.(name);
    if (entries) {
      readDir(name, entries);
      continue;
    }
    const text = files?.read(name);
    if (text === undefined) throw new CommandError(`the path "${name}" does not exist`);
    for (const manifest of parseDocuments(text, name)) out.push({ manifest, source: name });
  }
  return out;
}
