/**
 * Structured output flags shared by get, apply, create, label...: `-o json|yaml|name` (and the
 * jsonpath / custom-columns family once registered).
 */
import type { KubeObject } from '../../engine/index.ts';
import type { CommandContext } from '../command.ts';
import { CommandError } from '../command.ts';
import { qualifiedName } from '../resources.ts';
import { asList, toJson, toYaml } from './format.ts';

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
