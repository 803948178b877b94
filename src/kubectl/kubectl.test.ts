import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands/index.ts';
import { kubectlHarness } from './testing.ts';

/** `kubectl cordon --help` from the real kubectl 1.32 client. */
const CORDON_HELP = `Mark node as unschedulable.

Examples:
  # Mark node "foo" as unschedulable
  kubectl cordon foo

Options:
    --dry-run='none':
\tMust be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl cordon NODE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

describe('runKubectl entry', () => {
  const h = kubectlHarness();

  it('prints --help in kubectl\'s layout', () => {
    expect(h.ok('cordon --help')).toBe(CORDON_HELP);
    expect(h.ok('cordon -h')).toBe(CORDON_HELP);
    expect(h.ok('create secret --help')).toContain('Available Commands:\n  generic       Create a secret from a local file, directory, or literal value\n');
    expect(h.ok('create secret --help')).toContain('Use "kubectl create secret <command> --help" for more information about a given command.\n');
  });

  it('groups commands in the root help', () => {
    const root = h.ok('');
    expect(root.startsWith('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n')).toBe(true);
    expect(root).toContain('Settings Commands:\n  label           Update the labels on a resource\n');
    expect(root).not.toContain('  options ');
  });

  it('every command has help that names its usage', () => {
    for (const c of COMMANDS) expect(h.ok(`${c.name} --help`)).toContain(`Usage:\n  ${c.usage}\n`);
  });

  it('reports unknown flags, commands and missing arguments word for word', () => {
    expect(h.run('get pods --foo').stderr).toBe("Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
    expect(h.run('get pods -Z').stderr).toBe("Error: unknown shorthand flag: 'Z' in -Z\nSee 'kubectl get --help' for usage.\n");
    expect(h.run('get pods -o').stderr).toBe("Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.\n");
    expect(h.run('foo').stderr).toBe('Error: unknown command "foo" for "kubectl"\n');
    expect(h.run('gett').stderr).toBe('Error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n');
    expect(h.run('get').stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    expect(h.run('get pods "unterminated').stderr).toBe("error: unexpected EOF while looking for matching `\"'\n");
    for (const line of ['get', 'foo', 'get pods --foo']) expect(h.run(line).exitCode).toBe(1);
  });
});
