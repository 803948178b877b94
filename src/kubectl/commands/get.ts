/**
 * `kubectl get`: tables (default, `-o wide`), `-o json|yaml|name`, label and field selectors,
 * `-A`, `--show-labels`, `--no-headers`. Output formats shared with other commands live in
 * `printers/`.
 */
import { type KubeObject, formatLabels } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { parseResourceArgs, qualifiedName, type ResourceRequest } from '../resources.ts';
import { renderTable, tablePrinter } from '../printers/table.ts';
import { printObjects } from '../printers/output.ts';
import { StatusError } from '../../engine/index.ts';

export const get: Command = {
  name: 'get',
  short: 'Display one or many resources',
  usage: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on.' },
    { name: 'field-selector', type: 'string', default: '', usage: 'Selector (field query) to filter on.' },
    { name: 'show-labels', type: 'bool', default: false, usage: 'When printing, show all labels as the last column.' },
    { name: 'no-headers', type: 'bool', default: false, usage: "When using the default or custom-column output format, don't print headers." },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'label-columns', short: 'L', type: 'strings', default: [], usage: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
    { name: 'watch', short: 'w', type: 'bool', default: false, usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
  ],
  run(ctx) {
    if (ctx.args.length === 0) {
      throw new UsageError(
        'Required resource not specified.',
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
      );
    }
    const requests = parseResourceArgs(ctx.client, ctx.args);
    const found: { req: ResourceRequest; objects: KubeObject[] }[] = [];
    const errors: string[] = [];
    for (const req of requests) {
      const objects = fetch(ctx, req, errors);
      found.push({ req, objects });
    }
    const output = String(ctx.flags.output ?? '');
    const all = found.flatMap((f) => f.objects);
    if (output === '' || output === 'wide') {
      printTables(ctx, found, output === 'wide', requests.length > 1);
      const total = all.length;
      if (total === 0 && errors.length === 0 && !ctx.flags['ignore-not-found']) {
        const ns = ctx.flags['all-namespaces'] ? undefined : ctx.namespace;
        const namespaced = requests.some((r) => r.def.namespaced);
        ctx.out.err(ns && namespaced ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      }
    } else {
      const single = requests.length === 1 && requests[0]!.names.length === 1 && all.length === 1;
      printObjects(ctx, all, output, single);
    }
    for (const e of errors) ctx.out.fail(e);
  },
};

function fetch(ctx: CommandContext, req: ResourceRequest, errors: string[]): KubeObject[] {
  const allNs = Boolean(ctx.flags['all-namespaces']);
  const ns = req.def.namespaced ? (allNs ? undefined : ctx.namespace) : undefined;
  if (req.names.length > 0) {
    const out: KubeObject[] = [];
    for (const name of req.names) {
      try {
        out.push(ctx.client.get(req.def.kind, ns ?? ctx.namespace, name));
      } catch (e) {
        if (e instanceof StatusError && e.reason === 'NotFound' && ctx.flags['ignore-not-found']) continue;
        if (e instanceof StatusError) errors.push(e.kubectlMessage);
        else throw e;
      }
    }
    return out;
  }
  return ctx.client.list(req.def.kind, {
    ...(ns ? { namespace: ns } : {}),
    ...(ctx.flags.selector ? { labelSelector: String(ctx.flags.selector) } : {}),
    ...(ctx.flags['field-selector'] ? { fieldSelector: String(ctx.flags['field-selector']) } : {}),
  });
}

function printTables(ctx: CommandContext, found: { req: ResourceRequest; objects: KubeObject[] }[], wide: boolean, qualify: boolean): void {
  const allNs = Boolean(ctx.flags['all-namespaces']);
  const labelColumns = (ctx.flags['label-columns'] as string[]) ?? [];
  let first = true;
  for (const { req, objects } of found) {
    if (objects.length === 0) continue;
    const printer = tablePrinter(req.def.kind);
    const headers = [...printer.columns, ...(wide ? (printer.wide ?? []) : [])];
    const rows: string[][] = [];
    for (const obj of objects) {
      const r = printer.row(obj, { nowMs: ctx.client.now(), list: (kind) => ctx.client.list(kind) });
      const cells = [...r.cells, ...(wide ? (r.wide ?? []) : [])];
      if (qualify) cells[0] = qualifiedName(req.def, cells[0]!);
      for (const l of labelColumns) cells.push(obj.metadata.labels?.[l] ?? '');
      if (ctx.flags['show-labels']) cells.push(formatLabels(obj.metadata.labels));
      if (allNs && req.def.namespaced) cells.unshift(obj.metadata.namespace ?? '');
      rows.push(cells);
    }
    const header = [...headers, ...labelColumns.map((l) => l.toUpperCase()), ...(ctx.flags['show-labels'] ? ['LABELS'] : [])];
    if (allNs && req.def.namespaced) header.unshift('NAMESPACE');
    if (!first) ctx.out.out('\n');
    first = false;
    ctx.out.out(renderTable(ctx.flags['no-headers'] ? rows : [header, ...rows]));
  }
}

export function requireNoArgs(ctx: CommandContext): void {
  if (ctx.args.length > 0) throw new CommandError(`unexpected arguments: ${ctx.args.join(' ')}`);
}
