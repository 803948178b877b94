/**
 * Runs scenario scripts against a fresh simulation: kubectl lines through the kubectl layer, `sim`
 * lines through `simCommands`, and prints what a terminal would. A `kubectl get -w` started in a
 * script prints the changes that happen during the following `sim advance`.
 */
import { type NodeOptions, Simulation, type SimulationOptions, defaultNodes } from '../engine/index.ts';
import { type KubeClient, simulationClient } from '../kubectl/client.ts';
import type { Chunk, EditRequest, FileSource, Stream } from '../kubectl/io.ts';
import { finishEdit, runKubectl } from '../kubectl/kubectl.ts';
import { type SimHost, runSim } from './simCommands.ts';
import { type ScriptLine, parseScript, ScriptSyntaxError } from './script.ts';

export interface RunnerOptions {
  seed?: number | string;
  nodes?: NodeOptions[];
  files?: FileSource;
  /** Print each command as `$ command` before its output. */
  echo?: boolean;
  /** Extra simulation options (e.g. a container runtime). */
  simulation?: Omit<SimulationOptions, 'seed' | 'nodes'>;
  /**
   * A host with an editor (the web terminal): `kubectl edit` without stdin returns its EditRequest
   * instead of printing that scripts cannot edit. With stdin, `kubectl edit` always saves the
   * stdin as the edited buffer (how a recorded edit replays).
   */
  interactiveEdit?: boolean;
  /** Told when `sim reset` replaces the cluster (`nodes` undefined: the default cluster). */
  onReset?(cluster: { seed: number | string; nodes: NodeOptions[] | undefined }): void;
}

/** One command's output. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as a terminal shows them. */
  output: string;
  exitCode: number;
  /** The output chunk by chunk, stdout and stderr apart (a terminal colours stderr). */
  chunks: Chunk[];
  /** Further output of a `get -w` / `logs -f` until stopped. */
  stream?: Stream;
  /** `kubectl edit` on an interactive host: the buffer to open (see `interactiveEdit`). */
  edit?: EditRequest;
}

export interface RunResult {
  /** stdout and stderr interleaved as a terminal shows them. */
  output: string;
  stdout: string;
  stderr: string;
  /** 0, or 2 when a line could not be parsed. */
  exitCode: number;
}

export class ScriptRunner {
  sim: Simulation;
  private client: KubeClient;
  private watches: Stream[] = [];
  private pendingWatchOutput: string[] = [];

  constructor(private readonly options: RunnerOptions = {}) {
    this.sim = this.newSimulation(options.seed ?? 1, options.nodes);
    this.client = simulationClient(this.sim);
    this.startMs = this.sim.now();
  }

  private newSimulation(seed: number | string, nodes?: NodeOptions[]): Simulation {
    return new Simulation({ ...(this.options.simulation ?? {}), seed, ...(nodes ? { nodes } : {}) });
  }

  private host(): SimHost {
    return {
      advance: (ms) => this.sim.advance(ms),
      now: () => this.sim.now(),
      startMs: () => this.startMs,
      reset: ({ workers, seed }) => {
        this.stopWatches();
        const nodes = workers !== undefined && workers !== 3 ? defaultNodes(workers) : workers === undefined ? this.options.nodes : undefined;
        this.sim = this.newSimulation(seed ?? this.options.seed ?? 1, nodes);
        this.client = simulationClient(this.sim);
        this.startMs = this.sim.now();
        this.options.onReset?.({ seed: this.sim.seed, nodes });
      },
      addNode: (o) => this.sim.addNode(o),
      removeNode: (n) => this.sim.removeNode(n),
      failNode: (n) => this.sim.failNode(n),
      recoverNode: (n) => this.sim.recoverNode(n),
      exitContainer: (ns, pod, code, c) => this.sim.exitContainer(ns, pod, code, c),
      podExists: (ns, pod) => this.sim.api.tryGet('Pod', ns, pod) !== undefined,
      listPods: (ns) => this.sim.api.list('Pod', { namespace: ns }),
    };
  }

  /** Virtual time the current cluster started at (`sim time` prints time since then). */
  startMs: number;

  /**
   * Run one parsed line. A command that keeps printing (`get -w`, `logs -f`) returns its stream to
   * the caller (a terminal shows it live); `runLine` is the script behaviour on top of this.
   */
  execute(line: ScriptLine): CommandResult {
    const [cmd, ...rest] = line.words;
    if (cmd === 'kubectl') {
      let r = runKubectl(rest, this.client, { ...(line.stdin !== undefined ? { stdin: line.stdin } : {}), ...(this.options.files ? { files: this.options.files } : {}) });
      // `kubectl edit <<EOF`: the here-document is the saved editor buffer.
      if (r.edit && line.stdin !== undefined) r = finishEdit(this.client, r.edit, line.stdin);
      const interactive = r.edit !== undefined && this.options.interactiveEdit === true;
      // Scripts have no editor: say so instead of silently doing nothing.
      const editNotice = r.edit && !interactive ? `kubesim: kubectl edit opens ${r.edit.title} in the terminal's editor; scripts cannot edit interactively, so nothing changed (pass the edited object as a here-document, use kubectl patch or kubectl apply -f)\n` : '';
      const chunks: Chunk[] = editNotice ? [...r.chunks, { stream: 'stderr', text: editNotice }] : r.chunks;
      return {
        stdout: r.stdout,
        stderr: r.stderr + editNotice,
        output: chunks.map((c) => c.text).join(''),
        chunks,
        exitCode: r.exitCode,
        ...(r.stream ? { stream: r.stream } : {}),
        ...(interactive ? { edit: r.edit } : {}),
      };
    }
    if (cmd === 'sim') {
      const r = runSim(rest, this.host());
      const chunks: Chunk[] = [...(r.stdout ? [{ stream: 'stdout' as const, text: r.stdout }] : []), ...(r.stderr ? [{ stream: 'stderr' as const, text: r.stderr }] : [])];
      return { ...r, output: r.stdout + r.stderr, chunks };
    }
    throw new ScriptSyntaxError(line.line, `unknown command "${cmd ?? ''}" (expected kubectl or sim)`);
  }

  /** Run one parsed line as a script does: watch output started earlier prints at the next `sim` command. */
  runLine(line: ScriptLine): CommandResult {
    const r = this.execute(line);
    if (r.stream) {
      this.watches.push(r.stream);
      r.stream.onOutput((c) => this.pendingWatchOutput.push(c.text));
      delete r.stream;
    }
    if (line.words[0] !== 'sim') return r;
    for (const w of this.watches) w.poll();
    const watched = this.pendingWatchOutput.join('');
    this.pendingWatchOutput = [];
    return { ...r, stdout: watched + r.stdout, output: watched + r.output, chunks: [...(watched ? [{ stream: 'stdout' as const, text: watched }] : []), ...r.chunks] };
  }

  /** Run a whole script. */
  run(text: string): RunResult {
    let output = '';
    let stdout = '';
    let stderr = '';
    let lines: ScriptLine[];
    try {
      lines = parseScript(text);
    } catch (e) {
      if (e instanceof ScriptSyntaxError) return { output: `kubesim: ${e.message}\n`, stdout: '', stderr: `kubesim: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    for (const line of lines) {
      const echoed = this.options.echo ? `$ ${line.text}\n${line.stdin !== undefined ? `${line.stdin}${line.heredocEnd}\n` : ''}` : '';
      output += echoed;
      stdout += echoed;
      try {
        const r = this.runLine(line);
        output += r.output;
        stdout += r.stdout;
        stderr += r.stderr;
      } catch (e) {
        if (e instanceof ScriptSyntaxError) {
          const msg = `kubesim: ${e.message}\n`;
          return { output: output + msg, stdout, stderr: stderr + msg, exitCode: 2 };
        }
        throw e;
      }
    }
    this.stopWatches();
    return { output, stdout, stderr, exitCode: 0 };
  }

  private stopWatches(): void {
    for (const w of this.watches) w.stop();
    this.watches = [];
  }
}

/** Convenience: run a script text on a fresh cluster. */
export function runScript(text: string, options: RunnerOptions = {}): RunResult {
  return new ScriptRunner(options).run(text);
}
