/**
 * Test helpers for kubectl: a fresh simulation, its client, and `run(line)` returning the result.
 * Never imported by production code.
 */
import { Simulation, type SimulationOptions } from '../engine/index.ts';
import { simulationClient } from './client.ts';
import type { FileSource, KubectlResult } from './io.ts';
import { runKubectl } from './kubectl.ts';

export interface Harness {
  sim: Simulation;
  run(line: string, options?: { stdin?: string }): KubectlResult;
  /** Run and return stdout, failing the test on a non-zero exit code. */
  ok(line: string, options?: { stdin?: string }): string;
  files: Map<string, string>;
}

export function kubectlHarness(options: SimulationOptions = {}): Harness {
  const sim = new Simulation({ freeze: true, ...options });
  const client = simulationClient(sim);
  const files = new Map<string, string>();
  const source: FileSource = {
    read: (p) => files.get(p),
    list: (dir) => {
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      const names = [...files.keys()].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
      return names.length > 0 ? [...new Set(names.map((n) => n.split('/')[0]!))] : undefined;
    },
  };
  const run = (line: string, opts: { stdin?: string } = {}) => runKubectl(line, client, { files: source, ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}) });
  return {
    sim,
    files,
    run,
    ok(line, opts) {
      const r = run(line, opts);
      if (r.exitCode !== 0) throw new Error(`kubectl ${line} failed (${r.exitCode}):\n${r.stderr}`);
      return r.stdout;
    },
  };
}

/** A minimal pod manifest (YAML) for tests. */
export function podYaml(name: string, extra: { labels?: Record<string, string>; image?: string; command?: string } = {}): string {
  const labels = extra.labels ? `\n  labels:\n${Object.entries(extra.labels).map(([k, v]) => `    ${k}: ${v}`).join('\n')}` : '';
  // Without a command, busybox runs `sh`, which exits at once (CrashLoopBackOff): test pods sleep instead.
  const command = `\n    command: ${extra.command ? `["sh", "-c", ${JSON.stringify(extra.command)}]` : '["sleep", "3600"]'}`;
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}${labels}\nspec:\n  containers:\n  - name: main\n    image: ${extra.image ?? 'busybox:1.36'}${command}\n`;
}
