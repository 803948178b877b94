/**
 * Structured output flags shared by get, apply, create, label...: `-o json|yaml|name`, the
 * jsonpath family (`jsonpath=`, `jsonpath-as-json=`, `jsonpath-file=`) and `custom-columns=` /
 * `custom-columns-file=` (k8s.io/cli-runtime/pkg/printers and kubectl's get/customcolumn.go).
 */
import type { KubeObject } from '../../engine/index.ts';
import type { CommandContext } from '../command.ts';
import { CommandError } from '../command.ts';
import { qualifiedName } from '../resources.ts';
import { asList, toJson, toYaml } from './format.ts';
import { JsonPathExecError, JsonPathError, executeJsonPath, findResults, goSyntax, goValue, parseJsonPath, relaxedJsonPath } from './jsonpath.ts';
import { renderTable } from './table.ts';

export type OutputFormatter = (objects: KubeObject[], single: boolean, arg: string, ctx: CommandContext) => string;

const formatters = new Map<string, OutputFormatter>();

/** Register an `-o NAME[=ARG]` format (e.g. `jsonpath`, `custom-columns`). */
export function registerOutputFormat(name: string, fn: OutputFormatter): void {
  formatters.set(name, fn);
}

registerOutputFormat('json', (objects, single) => toJson(single ? objects[0] : asList(objects)));
registerOutputFormat('yaml', (objects, single) => toYaml(single ? objects[0] : asList(objects)));
registerOutputFormat('name', (objects, _single, _arg, ctx) =>
  objects
    .map((o) => {
      const def = ctx.client.resource(o.kind);
      return `${def ? qualifiedName(def, o.metadata.name) : `${o.kind.toLowerCase()}/${o.metadata.name}`}\n`;
    })
    .join(''),
);

/** The object a structured printer sees: the single object, or a List of them. */
function subject(objects: KubeObject[], single: boolean): unknown {
  return single ? objects[0] : asList(objects);
}

function fileArg(ctx: CommandContext, path: string, what: string): string {
  if (!path) throw new CommandError(`${what} format specified but no ${what === 'template' ? 'template' : 'custom columns file'} given`);
  const text = ctx.files?.read(path);
  if (text === undefined) throw new CommandError(`error reading ${what === 'template' ? 'template' : 'custom columns file'} ${path}, open ${path}: no such file or directory`);
  return text;
}

/** Run a jsonpath template, with kubectl's error texts for parse and execution failures. */
function withJsonPath<T>(template: string, data: unknown, run: (nodes: ReturnType<typeof parseJsonPath>) => T): T {
  if (!template) throw new CommandError('template format specified but no template given');
  try {
    return run(parseJsonPath(template));
  } catch (e) {
    if (e instanceof JsonPathExecError) {
      throw new CommandError(
        `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`,
      );
    }
    if (e instanceof JsonPathError) throw new CommandError(e.message);
    throw e;
  }
}

function jsonPathText(template: string, data: unknown): string {
  return withJsonPath(template, data, (nodes) => executeJsonPath(nodes, data));
}

function jsonPathAsJson(template: string, data: unknown): string {
  return withJsonPath(template, data, (nodes) => toJson(findResults(nodes, data).flat()));
}

registerOutputFormat('jsonpath', (objects, single, arg) => jsonPathText(arg, subject(objects, single)));
registerOutputFormat('jsonpath-file', (objects, single, arg, ctx) => jsonPathText(fileArg(ctx, arg, 'template'), subject(objects, single)));
registerOutputFormat('jsonpath-as-json', (objects, single, arg) => jsonPathAsJson(arg, subject(objects, single)));

export interface CustomColumn {
  header: string;
  path: string;
}

/** `NAME:.metadata.name,IMAGE:.spec.containers[*].image` into columns. */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.trim() === '') throw new CommandError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new CommandError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    try {
      return { header: part.slice(0, colon), path: relaxedJsonPath(part.slice(colon + 1)) };
    } catch (e) {
      if (e instanceof JsonPathError) throw new CommandError(e.message);
      throw e;
    }
  });
}

/** The `custom-columns-file` format: a header line of names, a line of paths, whitespace-separated. */
function parseColumnsFile(text: string): CustomColumn[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 2) throw new CommandError(`invalid template format, expected 2 lines, got ${lines.length}`);
  const headers = lines[0]!.trim().split(/\s+/);
  const paths = lines[1]!.trim().split(/\s+/);
  if (headers.length !== paths.length) throw new CommandError(`number of headers (${headers.length}) does not match number of columns (${paths.length})`);
  return headers.map((header, i) => ({ header, path: relaxedJsonPath(paths[i]!) }));
}

/** One cell per column: `<none>` when nothing matched, several matches comma-joined (Go `%v`). */
export function customColumnCells(columns: CustomColumn[], obj: unknown): string[] {
  return columns.map((c) => {
    const values = withJsonPath(c.path, obj, (nodes) => findResults(nodes, obj).flat());
    return values.length === 0 ? '<none>' : values.map(goValue).join(',');
  });
}

function printCustomColumns(columns: CustomColumn[], objects: KubeObject[], ctx: CommandContext): string {
  const rows = objects.map((o) => customColumnCells(columns, o));
  return renderTable(ctx.flags['no-headers'] ? rows : [columns.map((c) => c.header), ...rows]);
}

registerOutputFormat('custom-columns', (objects, _single, arg, ctx) => printCustomColumns(parseCustomColumns(arg), objects, ctx));
registerOutputFormat('custom-columns-file', (objects, _single, arg, ctx) => printCustomColumns(parseColumnsFile(fileArg(ctx, arg, 'custom-columns')), objects, ctx));

export const OUTPUT_FORMATS = () => [...formatters.keys()];

export function printObjects(ctx: CommandContext, objects: KubeObject[], output: string, single: boolean): void {
  const eq = output.indexOf('=');
  const name = eq < 0 ? output : output.slice(0, eq);
  const arg = eq < 0 ? '' : output.slice(eq + 1);
  const fn = formatters.get(name);
  if (!fn) {
    const allowed = ['custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml'];
    throw new CommandError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${allowed.join(',')}`);
  }
  ctx.out.out(fn(objects, single, arg, ctx));
}
