/**
 * The commands that describe the client and the cluster rather than objects: `version`,
 * `cluster-info`, `config view|current-context|get-contexts` (one fixed context, as a kind cluster
 * has) and `options`. kubesim presents itself as a v1.32 cluster at https://127.0.0.1:6443.
 */
import { type Command, CommandError, GLOBAL_FLAGS } from '../command.ts';
import { toJson, toYaml } from '../printers/format.ts';
import { renderTable } from '../printers/table.ts';
import { optionsText } from '../help.ts';

export const SERVER_URL = 'https://127.0.0.1:6443';
export const CONTEXT = 'kubesim';
const VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0', gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53', gitTreeState: 'clean', buildDate: '2024-12-11T17:59:15Z', goVersion: 'go1.23.3', compiler: 'gc', platform: 'linux/amd64' };
const KUSTOMIZE = 'v5.5.0';

export const version: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  examples: [['Print the client and server versions for the current context', 'kubectl version']],
  usage: 'kubectl version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', default: false, usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: "One of 'yaml' or 'json'." },
  ],
  run(ctx) {
    const client = Boolean(ctx.flags.client);
    const info = { clientVersion: VERSION, kustomizeVersion: KUSTOMIZE, ...(client ? {} : { serverVersion: { ...VERSION, platform: 'linux/amd64' } }) };
    const output = String(ctx.flags.output ?? '');
    if (output === 'json') ctx.out.out(JSON.stringify(info, null, 2) + '\n');
    else if (output === 'yaml') ctx.out.out(toYaml(info));
    else if (output) throw new CommandError(`--output must be 'yaml' or 'json'`);
    else ctx.out.out(`Client Version: ${VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE}\n${client ? '' : `Server Version: ${VERSION.gitVersion}\n`}`);
  },
};

export const clusterInfo: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  examples: [['Print the address of the control plane and cluster services', 'kubectl cluster-info']],
  usage: 'kubectl cluster-info [flags] [options]',
  run(ctx) {
    const lines = [`Kubernetes control plane is running at ${SERVER_URL}`];
    if (ctx.client.resource('services')) {
      for (const svc of ctx.client.list('Service', { namespace: 'kube-system', labelSelector: 'kubernetes.io/cluster-service=true' })) {
        const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
        const ports = (svc.spec as { ports?: { name?: string }[] } | undefined)?.ports ?? [];
        const port = ports[0]?.name ? `:${ports[0].name}` : '';
        lines.push(`${name} is running at ${SERVER_URL}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${port}/proxy`);
      }
    }
    ctx.out.out(`${lines.join('\n')}\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  },
};

function kubeconfig(): unknown {
  return {
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: SERVER_URL }, name: CONTEXT }],
    contexts: [{ context: { cluster: CONTEXT, user: CONTEXT }, name: CONTEXT }],
    'current-context': CONTEXT,
    kind: 'Config',
    preferences: {},
    users: [{ name: CONTEXT, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

const configView: Command = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
  usage: 'kubectl config view [flags] [options]',
  flags: [
    { name: 'minify', type: 'bool', default: false, usage: 'Remove all information not used by current-context from the output' },
    { name: 'output', short: 'o', type: 'string', default: 'yaml', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'raw', type: 'bool', default: false, usage: 'Display raw byte data and sensitive data' },
  ],
  run(ctx) {
    const output = String(ctx.flags.output ?? 'yaml');
    if (output === 'json') ctx.out.out(toJson(kubeconfig()));
    else if (output === 'yaml') ctx.out.out(toYaml(kubeconfig()));
    else throw new CommandError(`kubesim's config view prints yaml or json`);
  },
};

const currentContext: Command = {
  name: 'current-context',
  short: 'Display the current-context',
  usage: 'kubectl config current-context [options]',
  run(ctx) {
    ctx.out.out(`${CONTEXT}\n`);
  },
};

const getContexts: Command = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  usage: 'kubectl config get-contexts [(-o|--output=)name)] [options]',
  flags: [
    { name: 'no-headers', type: 'bool', default: false, usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (name).' },
  ],
  run(ctx) {
    if (ctx.flags.output === 'name') {
      ctx.out.out(`${CONTEXT}\n`);
      return;
    }
    const rows = [['*', CONTEXT, CONTEXT, CONTEXT, '']];
    ctx.out.out(renderTable(ctx.flags['no-headers'] ? rows : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], ...rows]));
  },
};

export const config: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\n The loading order follows these rules:\n\n  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.',
  usage: 'kubectl config SUBCOMMAND [options]',
  subcommands: [currentContext, getContexts, configView],
};

export const options: Command = {
  name: 'options',
  short: 'Print the list of flags inherited by all commands',
  examples: [['Print flags inherited by all commands', 'kubectl options']],
  usage: 'kubectl options [flags] [options]',
  hidden: true,
  run(ctx) {
    ctx.out.out(`The following options can be passed to any command:\n\n${optionsText(GLOBAL_FLAGS)}\n`);
  },
};
