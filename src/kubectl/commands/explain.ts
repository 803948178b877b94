/**
 * `kubectl explain RESOURCE[.FIELD...]` from the bundled schema (src/schema/kubernetes.json),
 * rendered as kubectl 1.32's OpenAPI v3 plaintext template does
 * (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl, in our words): the
 * KIND/VERSION header, `FIELD: name <type>` with its ENUM, the DESCRIPTION (a field's own text,
 * then its type's), and FIELDS with `-required-` markers and short enum lists; `--recursive`
 * prints the field tree. Type names are guessed as kubectl does: `[]Container`,
 * `map[string]string`, `Quantity`, `Object`.
 */
import schemaDocument from '../../schema/kubernetes.json';
import { type Command, CommandError, UsageError } from '../command.ts';
import { resolveType } from '../resources.ts';

interface Schema {
  description?: string;
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
}

const DOC = schemaDocument as unknown as { definitions: Record<string, Schema>; 'x-kubesim-kinds': Record<string, string> };

function resolve(ref: string | undefined): Schema | undefined {
  return ref?.startsWith('#/definitions/') ? DOC.definitions[ref.slice('#/definitions/'.length)] : undefined;
}

const isSchema = (v: Schema | boolean | undefined): v is Schema => typeof v === 'object' && v !== null;

/** Greedy word wrap of one line at `limit` columns (long words stay whole), keeping leading spaces. */
function wrapLine(line: string, limit: number): string[] {
  const lead = /^\s*/.exec(line)![0];
  const words = line.slice(lead.length).split(' ');
  const out: string[] = [];
  let cur = lead;
  for (const w of words) {
    if (cur.trim() === '') cur = lead + w;
    else if (cur.length + 1 + w.length <= limit) cur += ` ${w}`;
    else {
      out.push(cur);
      cur = w;
    }
  }
  out.push(cur);
  return out;
}

/** kubectl's `wrap N | indent M`: each paragraph line wrapped, every line (even empty) indented. */
function wrapIndent(text: string, width: number, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .flatMap((l) => (l === '' ? [''] : wrapLine(l, width)))
    .map((l) => pad + l)
    .join('\n');
}

/** The type hint in angle brackets (the template's typeGuess). */
export function typeGuess(s: Schema): string {
  if (s.items) return `[]${typeGuess(s.items)}`;
  if (isSchema(s.additionalProperties)) return `map[string]${typeGuess(s.additionalProperties)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(s.allOf[0]!);
  if (s.$ref) {
    const target = resolve(s.$ref);
    if (!target || !target.type || target.type === 'object') return s.$ref.split('/').pop()!.split('.').pop() || 'Object';
    return target.type;
  }
  return s.type === 'object' ? 'Object' : (s.type ?? 'Object');
}

/** Descriptions of a schema and what it stands for (its ref, allOf, items, map values), one per line. */
function descriptionOf(s: Schema): string {
  const r = resolve(s.$ref) ?? s;
  let out = r.description ? `${r.description}\n` : '';
  for (const a of r.allOf ?? []) out += descriptionOf(a);
  if (r.items) out += descriptionOf(r.items);
  if (isSchema(r.additionalProperties)) out += descriptionOf(r.additionalProperties);
  return out;
}

function enumText(s: Schema, long: boolean, indent: number): string {
  if (!s.enum || s.enum.length === 0) return '';
  const show = (v: unknown) => (v === '' ? '""' : String(v));
  if (long) return `ENUM:${s.enum.map((v) => `\n    ${show(v)}`).join('')}`;
  const shown = s.enum.slice(0, 4).map(show).join(', ');
  return `\n${' '.repeat(indent)}enum: ${shown}${s.enum.length > 4 ? ', ....' : ''}`;
}

function fieldList(s: Schema, level: number, recursive: boolean, history: Set<string>): string {
  if (s.$ref && history.has(s.$ref)) return '';
  const seen = new Set(history);
  if (s.$ref) seen.add(s.$ref);
  const r = resolve(s.$ref) ?? s;
  let out = '';
  for (const name of Object.keys(r.properties ?? {}).sort()) {
    const field = r.properties![name]!;
    const indent = level * 2;
    out += `${' '.repeat(indent)}${name}\t<${typeGuess(field)}>${r.required?.includes(name) ? ' -required-' : ''}${enumText(field, false, indent)}\n`;
    if (!recursive) out += `${wrapIndent(field.description ?? '<no description>', 78 - indent, indent + 2)}\n\n`;
    else out += fieldList(field, level + 1, true, seen);
  }
  for (const a of r.allOf ?? []) out += fieldList(a, level, recursive, seen);
  if (r.items) out += fieldList(r.items, level, recursive, seen);
  if (isSchema(r.additionalProperties)) out += fieldList(r.additionalProperties, level, recursive, seen);
  return out;
}

/** Follow `path` from `s`; the text for its end, or undefined when a field does not exist. */
function output(s: Schema, path: string[], recursive: boolean, history: Set<string>): string | undefined {
  if (s.$ref && history.has(s.$ref)) return undefined;
  const seen = new Set(history);
  if (s.$ref) seen.add(s.$ref);
  const r = resolve(s.$ref) ?? s;
  if (path.length === 0) {
    const fields = fieldList(s, 1, recursive, new Set());
    return `DESCRIPTION:\n${wrapIndent(descriptionOf(r) || '<empty>', 76, 4)}\n${fields ? `FIELDS:\n${fields}` : ''}`;
  }
  const [first, ...rest] = path as [string, ...string[]];
  const sub = r.properties?.[first];
  if (sub) {
    const header = rest.length === 0 ? `FIELD: ${first} <${typeGuess(sub)}>\n${enumText(sub, true, 0)}\n\n` : '';
    const body = output(sub, rest, recursive, new Set());
    return body === undefined ? undefined : header + body;
  }
  if (r.items) return output(r.items, path, recursive, seen);
  if (isSchema(r.additionalProperties)) return output(r.additionalProperties, path, recursive, seen);
  for (const a of r.allOf ?? []) {
    const text = output(a, path, recursive, seen);
    if (text !== undefined) return text;
  }
  return undefined;
}

export const explain: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  long: 'Describe fields and structure of various resources.\n\n This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:\n\n        <type>.<fieldName>[.<fieldName>]\n\n Information about each field is retrieved from the server in OpenAPI format.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  examples: [
    ['Get the documentation of the resource and its fields', 'kubectl explain pods'],
    ['Get all the fields in the resource', 'kubectl explain pods --recursive'],
    ['Get the explanation for deployment in supported api versions', 'kubectl explain deployments --api-version=apps/v1'],
    ['Get the documentation of a specific field of a resource', 'kubectl explain pods.spec.containers'],
  ],
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  args: 'resources',
  flags: [
    { name: 'api-version', type: 'string', default: '', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
    { name: 'recursive', type: 'bool', default: false, usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
  ],
  run(ctx) {
    if (ctx.args.length === 0) {
      throw new UsageError('We accept only this format: explain RESOURCE', 'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    }
    if (ctx.args.length > 1) throw new UsageError(`We accept only this format: explain RESOURCE`);
    const [resource, ...path] = ctx.args[0]!.split('.') as [string, ...string[]];
    const def = resolveType(ctx.client, resource);
    const apiVersion = String(ctx.flags['api-version'] || def.apiVersion);
    const name = DOC['x-kubesim-kinds'][`${apiVersion}/${def.kind}`];
    if (!name) throw new CommandError(`couldn't find resource for "${def.group ? `${def.group}/` : ''}${apiVersion.split('/').pop()}, Kind=${def.kind}"`);
    const body = output({ $ref: `#/definitions/${name}` }, path, Boolean(ctx.flags.recursive), new Set());
    if (body === undefined) throw new CommandError(`field "${path[path.length - 1]}" does not exist`);
    const header = `${def.group ? `GROUP:      ${def.group}\n` : ''}KIND:       ${def.kind}\nVERSION:    ${def.version}\n\n`;
    ctx.out.out(`${header}${body}\n`);
  },
};
