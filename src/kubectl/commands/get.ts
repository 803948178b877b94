/**
 * `kubectl get` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go): tables (default, `-o wide`) per
 * kind with a blank line between kinds, `kind/name` when several kinds print, `-o
 * json|yaml|name|jsonpath|custom-columns...`, label and field selectors, `-A`, `--show-labels`,
 * `-L`, `--sort-by`, `--no-headers`, `get all`, and `-w` / `--watch-only`, which return a Stream
 * that prints each later change as a row (kubectl's tabwriter remembers column widths, so rows
 * line up with the first table).
 */
import { type KubeObject, StatusError, formatLabels, matches, matchesFields, parseFieldSelector, parseSelector } from '../../engine/index.ts';
import { type Command, type CommandContext, CommandError, UsageError } from '../command.ts';
import { ChunkStream, Output } from '../io.ts';
import { loadManifests } from '../manifests.ts';
import { parseResourceArgs, qualifiedName, type ResourceRequest } from '../resources.ts';
import { type TablePrinter, renderTable, tableHeader, tablePrinter, tableRow } from '../printers/table.ts';
import { printObjects } from '../printers/output.ts';
import { JsonPathError, findResults, parseJsonPath, relaxedJsonPath } from '../printers/jsonpath.ts';

const OUTPUT_HELP =
  'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].';

export const get: Command = {
  name: 'get',
  short: 'Display one or many resources',
  long: 'Display one or many resources.\n\n Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.\n\n By specifying the output as \'template\' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  examples: [
    ['List all pods in ps output format', 'kubectl get pods'],
    ['List all pods in ps output format with more information (such as node name)', 'kubectl get pods -o wide'],
    ['List a single pod in JSON output format', 'kubectl get -o json pod web-pod-13je7'],
    ['Return only the phase value of the specified pod', 'kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}'],
    ['List resource information in custom columns', "kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image"],
    ['List all replication controllers and services together in ps output format', 'kubectl get rc,services'],
    ['List one or more resources by their type and names', 'kubectl get rc/web service/frontend pods/web-pod-13je7'],
  ],
  usage: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  args: 'resources',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace." },
    { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'filename', short: 'f', type: 'stringArray', default: [], usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'label-columns', short: 'L', type: 'strings', default: [], usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'no-headers', type: 'bool', default: false, usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', default: '', usage: OUTPUT_HELP },
    { name: 'output-watch-events', type: 'bool', default: false, usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { name: 'show-kind', type: 'bool', default: false, usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'show-labels', type: 'bool', default: false, usage: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'watch', short: 'w', type: 'bool', default: false, usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', default: false, usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
  ],
  run(ctx) {
    const files = ctx.flags.filename as string[];
    if (ctx.args.length === 0 && files.length === 0) {
      throw new UsageError(
        'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n',
      );
    }
    const output = String(ctx.flags.output ?? '');
    const requests = files.length > 0 ? requestsFromFiles(ctx) : parseResourceArgs(ctx.client, ctx.args);
    if (ctx.flags.watch || ctx.flags['watch-only']) {
      watch(ctx, requests, output);
      return;
    }
    const errors: string[] = [];
    const found = requests.map((req) => ({ req, objects: sortBy(ctx, fetch(ctx, req, errors)) }));
    const all = found.flatMap((f) => f.objects);
    if (output === '' || output === 'wide') {
      const kinds = new Set(all.map((o) => o.kind));
      const qualify = kinds.size > 1 || Boolean(ctx.flags['show-kind']) || requests.some((r) => r.fromCategory);
      const printed = printTables(ctx, found, output === 'wide', qualify);
      if (!printed && errors.length === 0 && !ctx.flags['ignore-not-found']) {
        const allNamespaced = !ctx.flags['all-namespaces'] && requests.every((r) => r.def.namespaced);
        ctx.out.err(allNamespaced ? `No resources found in ${ctx.namespace} namespace.\n` : 'No resources found\n');
      }
    } else {
      const single = requests.length === 1 && requests[0]!.names.length === 1 && all.length === 1 && errors.length === 0;
      if (!(all.length === 0 && errors.length > 0)) printObjects(ctx, all, output, single);
    }
    for (const e of errors) ctx.out.fail(e);
  },
};

/** `get -f FILE`: the objects the manifests name. */
function requestsFromFiles(ctx: CommandContext): ResourceRequest[] {
  const out: ResourceRequest[] = [];
  for (const { manifest } of loadManifests(ctx.flags.filename as string[], ctx.files, ctx.stdin, Boolean(ctx.flags.recursive))) {
    const def = ctx.client.kindFor(manifest.apiVersion, manifest.kind);
    const name = manifest.metadata?.name ?? '';
    const existing = out.find((r) => r.def === def);
    if (existing) existing.names.push(name);
    else out.push({ def, names: [name] });
  }
  return out;
}

function listOptions(ctx: CommandContext, req: ResourceRequest) {
  const ns = req.def.namespaced && !ctx.flags['all-namespaces'] ? ctx.namespace : undefined;
  return {
    ...(ns ? { namespace: ns } : {}),
    ...(ctx.flags.selector ? { labelSelector: String(ctx.flags.selector) } : {}),
    ...(ctx.flags['field-selector'] ? { fieldSelector: String(ctx.flags['field-selector']) } : {}),
  };
}

function fetch(ctx: CommandContext, req: ResourceRequest, errors: string[]): KubeObject[] {
  if (req.names.length === 0) return ctx.client.list(req.def.kind, listOptions(ctx, req));
  const out: KubeObject[] = [];
  for (const name of req.names) {
    try {
      out.push(ctx.client.get(req.def.kind, req.def.namespaced ? ctx.namespace : undefined, name));
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'NotFound' && ctx.flags['ignore-not-found']) continue;
      if (e instanceof StatusError) errors.push(e.kubectlMessage);
      else throw e;
    }
  }
  return out;
}

/** `--sort-by`: a stable sort on one JSONPath value; objects without the field come first. */
export function sortBy(ctx: CommandContext, objects: KubeObject[]): KubeObject[] {
  const expr = String(ctx.flags['sort-by'] ?? '');
  if (!expr || objects.length === 0) return objects;
  let nodes;
  try {
    nodes = parseJsonPath(relaxedJsonPath(expr));
  } catch (e) {
    if (e instanceof JsonPathError) throw new CommandError(e.message);
    throw e;
  }
  const keyed = objects.map((obj, i) => ({ obj, i, v: findResults(nodes, obj).flat()[0] }));
  if (keyed.every((k) => k.v === undefined)) {
    throw new CommandError(`couldn't find any field with path "${relaxedJsonPath(expr)}" in the list of objects`);
  }
  keyed.sort((a, b) => compareValues(a.v, b.v) || a.i - b.i);
  return keyed.map((k) => k.obj);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = typeof a === 'string' ? a : JSON.stringify(a);
  const y = typeof b === 'string' ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Label-column headers: the upper-cased last segment of the key (`kubernetes.io/hostname` → HOSTNAME). */
function labelHeader(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).toUpperCase();
}

interface TableShape {
  printer: TablePrinter;
  header: string[];
  row(obj: KubeObject): string[];
}

/** Columns for one kind under the current flags (-o wide, -A, -L, --show-labels, kind/name). */
function tableShape(ctx: CommandContext, req: ResourceRequest, wide: boolean, qualify: boolean): TableShape {
  const allNs = Boolean(ctx.flags['all-namespaces']) && req.def.namespaced;
  const labelColumns = (ctx.flags['label-columns'] as string[]) ?? [];
  const showLabels = Boolean(ctx.flags['show-labels']);
  const printer = tablePrinter(req.def.kind);
  const header = [...tableHeader(printer, wide), ...labelColumns.map(labelHeader), ...(showLabels ? ['LABELS'] : [])];
  if (allNs) header.unshift('NAMESPACE');
  return {
    printer,
    header,
    row(obj) {
      const cells = tableRow(printer, obj, { nowMs: ctx.client.now(), list: (kind) => ctx.client.list(kind) }, wide);
      if (qualify) cells[0] = qualifiedName(req.def, cells[0]!);
      for (const l of labelColumns) cells.push(obj.metadata.labels?.[l] ?? '');
      if (showLabels) cells.push(formatLabels(obj.metadata.labels));
      if (allNs) cells.unshift(obj.metadata.namespace ?? '');
      return cells;
    },
  };
}

/** One table per kind, a blank line between them. Returns whether anything was printed. */
function printTables(ctx: CommandContext, found: { req: ResourceRequest; objects: KubeObject[] }[], wide: boolean, qualify: boolean): boolean {
  let printed = false;
  for (const { req, objects } of found) {
    if (objects.length === 0) continue;
    const shape = tableShape(ctx, req, wide, qualify);
    const rows = objects.map((o) => shape.row(o));
    if (printed && !ctx.flags['no-headers']) ctx.out.out('\n');
    printed = true;
    ctx.out.out(renderTable(ctx.flags['no-headers'] ? rows : [shape.header, ...rows]));
  }
  return printed;
}

/** A predicate for the objects a watch reports (namespace, names, label and field selectors). */
function watchFilter(ctx: CommandContext, req: ResourceRequest): (obj: KubeObject) => boolean {
  const opts = listOptions(ctx, req);
  const labels = opts.labelSelector ? parseSelector(opts.labelSelector) : null;
  if (labels instanceof Error) throw new StatusError('BadRequest', `unable to parse requirement: ${labels.message.replace(/^unable to parse requirement: /, '')}`);
  const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : [];
  if (fields instanceof Error) throw new StatusError('BadRequest', fields.message);
  return (obj) =>
    (!opts.namespace || obj.metadata.namespace === opts.namespace) &&
    (req.names.length === 0 || req.names.includes(obj.metadata.name)) &&
    (!labels || matches(labels, obj.metadata.labels)) &&
    (fields.length === 0 || matchesFields(obj, fields));
}

/** `get -w`: print the current state (unless --watch-only), then every change, until stopped. */
function watch(ctx: CommandContext, requests: ResourceRequest[], output: string): void {
  if (requests.length !== 1) {
    throw new CommandError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  const req = requests[0]!;
  const keep = watchFilter(ctx, req);
  const table = output === '' || output === 'wide';
  const shape = table ? tableShape(ctx, req, output === 'wide', Boolean(ctx.flags['show-kind'])) : undefined;
  const remembered: number[] = [];
  let headerDone = Boolean(ctx.flags['no-headers']);
  const render = (objects: KubeObject[]): string => {
    if (!shape) {
      const sub = { ...ctx, out: new Output() };
      for (const o of objects) printObjects(sub, [o], output, true);
      return sub.out.chunks.map((c) => c.text).join('');
    }
    const rows = objects.map((o) => shape.row(o));
    const text = renderTable(headerDone ? rows : [shape.header, ...rows], remembered);
    headerDone = true;
    return text;
  };
  if (!ctx.flags['watch-only']) {
    const errors: string[] = [];
    const current = sortBy(ctx, fetch(ctx, req, errors));
    for (const e of errors) ctx.out.fail(e);
    if (errors.length > 0) return;
    if (current.length > 0) ctx.out.out(render(current));
  }
  const stream = new ChunkStream();
  const unsubscribe = ctx.client.watch(req.def.kind, (event) => {
    if (stream.isStopped || !keep(event.object)) return;
    stream.emit({ stream: 'stdout', text: render([event.object]) });
  });
  stream.onStop(unsubscribe);
  ctx.out.stream = stream;
}
