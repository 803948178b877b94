/**
 * `kubectl api-resources` (staging/src/k8s.io/kubectl/pkg/cmd/apiresources): the kinds the
 * simulated API server serves, sorted by group as kubectl does, with `-o wide|name`,
 * `--namespaced`, `--api-group`, `--sort-by`, `--no-headers`.
 */
import type { KindDef } from '../../engine/index.ts';
import { type Command, CommandError } from '../command.ts';
import { renderTable } from '../printers/table.ts';

const VERBS = '[create delete deletecollection get list patch update watch]';

export const apiResources: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  examples: [
    ['Print the supported API resources', 'kubectl api-resources'],
    ['Print the supported API resources with more information', 'kubectl api-resources -o wide'],
    ['Print the supported API resources sorted by a column', 'kubectl api-resources --sort-by=name'],
    ['Print the supported namespaced resources', 'kubectl api-resources --namespaced=true'],
    ['Print the supported non-namespaced resources', 'kubectl api-resources --namespaced=false'],
    ['Print the supported API resources with a specific APIGroup', 'kubectl api-resources --api-group=rbac.authorization.k8s.io'],
  ],
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { name: 'api-group', type: 'string', default: '', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', default: false, usage: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'strings', default: [], usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', default: false, usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'strings', default: [], usage: 'Limit to resources that support the specified verbs.' },
  ],
  run(ctx) {
    const output = String(ctx.flags.output ?? '');
    if (output && output !== 'wide' && output !== 'name') throw new CommandError(`--output ${output} is not available`);
    const sortBy = String(ctx.flags['sort-by'] ?? '');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new CommandError(`--sort-by accepts only name or kind`);
    let kinds = ctx.client.kinds();
    if (ctx.set.has('namespaced')) kinds = kinds.filter((k) => k.namespaced === Boolean(ctx.flags.namespaced));
    if (ctx.set.has('api-group')) kinds = kinds.filter((k) => k.group === String(ctx.flags['api-group']));
    const categories = ctx.flags.categories as string[];
    if (categories.length > 0) kinds = kinds.filter((k) => categories.every((c) => k.categories?.includes(c)));
    const key = (k: KindDef) => (sortBy === 'name' ? k.plural : sortBy === 'kind' ? k.kind : k.group);
    kinds = [...kinds].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.plural < b.plural ? -1 : 1));
    if (output === 'name') {
      ctx.out.out(kinds.map((k) => `${k.plural}${k.group ? `.${k.group}` : ''}\n`).join(''));
      return;
    }
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])];
    const rows = kinds.map((k) => [k.plural, k.shortNames.join(','), k.apiVersion, String(k.namespaced), k.kind, ...(output === 'wide' ? [VERBS, (k.categories ?? []).join(',')] : [])]);
    ctx.out.out(renderTable(ctx.flags['no-headers'] ? rows : [header, ...rows]));
  },
};
