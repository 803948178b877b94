/**
 * A live scenario: a cluster, the editor's files and the timeline of commands run so far. The
 * terminal, UI actions (which echo their kubectl/sim equivalent) and tutorials all go through
 * `run`, so `toScenario()` can hand out exactly what happened, and `replay` can rebuild it.
 *
 * Replay is deterministic because it repeats the same inputs at the same virtual instants: the
 * clock is advanced to each command's time (processing every timer due by then, as the live clock
 * did), the command runs, and at the end the clock is advanced to the resume time. Time travel is
 * the same replay over a truncated timeline (`truncateAt`, `truncateAfter`).
 *
 * Files: a command reads editor files by name (`kubectl apply -f pi.yaml`, `-f ./jobs`). A timeline
 * entry normally resolves names against the scenario's final `manifests`; when what a command read
 * then differs from the final files (the user edited a tab after applying it), the entry carries
 * the files it saw, and replay reads those instead (and only those).
 */
import { type NodeOptions, type Simulation, type SimulationOptions, allKinds } from '../engine/index.ts';
import type { FileSource } from '../kubectl/io.ts';
import { type LessonProgress, type ManifestFile, type Scenario, ScenarioError, type ScenarioNode, SCENARIO_VERSION, type TimelineEntry } from './format.ts';
import { type CommandResult, ScriptRunner } from './runner.ts';
import { parseScript, ScriptSyntaxError } from './script.ts';

/** Where a session starts: everything in a scenario except its timeline. */
export interface ScenarioStart {
  seed: number | string;
  nodes?: ScenarioNode[];
  manifests?: ManifestFile[];
  title?: string;
  lesson?: LessonProgress;
}

export interface SessionOptions {
  /** Extra simulation options (tests pass `freeze`, a runtime...). */
  simulation?: Omit<SimulationOptions, 'seed' | 'nodes'>;
  /** The host has an editor: `kubectl edit` returns its buffer (see `RunnerOptions.interactiveEdit`). */
  interactiveEdit?: boolean;
}

/** One command that ran, with its output (the terminal's transcript) and the files it read. */
interface Recorded {
  entry: TimelineEntry;
  output: string;
  exitCode: number;
  /** Every file name the command read or listed → its text then (undefined: it did not exist). */
  reads: Map<string, string | undefined>;
  /** Directory listings the command asked for → the names it got. */
  listings: Map<string, string[]>;
}

/** `./jobs/`, `jobs//a.yaml` → `jobs`, `jobs/a.yaml`. Absolute paths stay absolute (and never match). */
function normalizePath(path: string): string {
  return path
    .split('/')
    .filter((seg, i) => seg !== '' || i === 0)
    .filter((seg) => seg !== '.')
    .join('/');
}

function listDir(names: Iterable<string>, dir: string): string[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const out: string[] = [];
  for (const name of names) {
    if (name.startsWith(prefix) && !name.slice(prefix.length).includes('/')) out.push(name.slice(prefix.length));
  }
  return out.sort();
}

export class ScenarioSession {
  private readonly runner: ScriptRunner;
  private start: ScenarioStart;
  /** The editor's files now (names normalised). */
  private readonly files = new Map<string, string>();
  private recorded: Recorded[] = [];
  /** While a command runs: what it read. */
  private reading: Pick<Recorded, 'reads' | 'listings'> | undefined;
  /** While replaying: the files an entry carries (a closed world), if any. */
  private replayFiles: Map<string, string> | undefined;

  constructor(start: ScenarioStart, options: SessionOptions = {}) {
    this.start = { ...start };
    for (const f of start.manifests ?? []) this.files.set(normalizePath(f.name), f.text);
    this.runner = new ScriptRunner({
      seed: start.seed,
      ...(start.nodes ? { nodes: start.nodes as NodeOptions[] } : {}),
      files: this.fileSource(),
      ...(options.simulation ? { simulation: options.simulation } : {}),
      ...(options.interactiveEdit ? { interactiveEdit: true } : {}),
      onReset: ({ seed, nodes }) => {
        // A fresh cluster is a fresh scenario: same editor files, empty timeline.
        this.start = { ...this.start, seed, ...(nodes ? { nodes: nodes as ScenarioNode[] } : {}) };
        if (!nodes) delete this.start.nodes;
        this.recorded = [];
      },
    });
  }

  get sim(): Simulation {
    return this.runner.sim;
  }

  /** Virtual time the cluster started at (t = 0 of the timeline). */
  get startMs(): number {
    return this.runner.startMs;
  }

  /** Virtual milliseconds since the cluster started. */
  get elapsedMs(): number {
    return this.runner.sim.now() - this.runner.startMs;
  }

  // ---- editor files ----

  setFile(name: string, text: string): void {
    this.files.set(normalizePath(name), text);
  }

  deleteFile(name: string): void {
    this.files.delete(normalizePath(name));
  }

  file(name: string): string | undefined {
    return this.files.get(normalizePath(name));
  }

  fileNames(): string[] {
    return [...this.files.keys()];
  }

  // ---- lesson progress ----

  /** The tutorial being followed and how many of its steps are done (shared with the scenario). */
  get lesson(): LessonProgress | undefined {
    return this.start.lesson;
  }

  set lesson(progress: LessonProgress | undefined) {
    if (progress) this.start = { ...this.start, lesson: { ...progress } };
    else delete this.start.lesson;
  }

  private fileSource(): FileSource {
    return {
      read: (path) => {
        const name = normalizePath(path);
        const text = this.replayFiles ? this.replayFiles.get(name) : this.files.get(name);
        this.reading?.reads.set(name, text);
        return text;
      },
      list: (path) => {
        const dir = normalizePath(path);
        const names = this.replayFiles ? [...this.replayFiles.keys()] : [...this.files.keys()];
        const entries = listDir(names, dir);
        // A file name is not a directory; a directory exists when it holds files.
        if (entries.length === 0) return undefined;
        this.reading?.listings.set(dir, entries);
        return entries;
      },
    };
  }

  // ---- commands and time ----

  /**
   * Run one terminal line (`kubectl ...` or `sim ...`) now and record it. A `get -w` / `logs -f`
   * returns its stream; the caller shows it and stops it.
   */
  run(command: string, stdin?: string): CommandResult {
    let lines;
    try {
      // A terminal passes a here-document's body as stdin; drop the `<<EOF` marker it typed.
      lines = parseScript(stdin !== undefined ? command.replace(/\s*<<-?\s*(['"]?)[A-Za-z_][A-Za-z0-9_]*\1\s*$/, '') : command);
    } catch (e) {
      if (e instanceof ScriptSyntaxError) return syntaxError(e.message.replace(/^line \d+: /, ''));
      throw e;
    }
    if (lines.length === 0) return { stdout: '', stderr: '', output: '', chunks: [], exitCode: 0 };
    if (lines.length > 1 || lines[0]!.stdin !== undefined) return syntaxError('run one command at a time (pass a here-document as stdin)');
    const line = { ...lines[0]!, ...(stdin !== undefined ? { stdin } : {}) };
    const atMs = this.elapsedMs;
    const reading = { reads: new Map<string, string | undefined>(), listings: new Map<string, string[]>() };
    this.reading = reading;
    let result: CommandResult;
    try {
      result = this.runner.execute(line);
    } catch (e) {
      if (e instanceof ScriptSyntaxError) return syntaxError(e.message.replace(/^line \d+: /, ''));
      throw e;
    } finally {
      this.reading = undefined;
    }
    const isReset = line.words[0] === 'sim' && line.words[1] === 'reset';
    if (!isReset) {
      const entry: TimelineEntry = { atMs, command: line.text, ...(stdin !== undefined ? { stdin } : {}) };
      this.recorded.push({ entry, output: result.output, exitCode: result.exitCode, ...reading });
    }
    return result;
  }

  /** Run virtual time forward by `ms` (the clock bar, `sim advance` without recording it). */
  advance(ms: number): void {
    this.runner.sim.advance(ms);
  }

  /** Run virtual time forward to `elapsedMs` since the cluster started. */
  advanceTo(elapsedMs: number): void {
    this.runner.sim.advanceTo(this.runner.startMs + elapsedMs);
  }

  /** The commands run so far, as typed (the terminal's history). */
  history(): string[] {
    return this.recorded.map((r) => r.entry.command);
  }

  /** Each command with its output, for a terminal to show after a replay. */
  transcript(): { atMs: number; command: string; output: string; exitCode: number }[] {
    return this.recorded.map((r) => ({ atMs: r.entry.atMs, command: r.entry.command, output: r.output, exitCode: r.exitCode }));
  }

  /** The scenario that rebuilds this session's state: files now, the timeline, the time now. */
  toScenario(): Scenario {
    const manifests: ManifestFile[] = [...this.files].map(([name, text]) => ({ name, text }));
    const timeline = this.recorded.map((r) => this.withFilesIfChanged(r));
    return {
      version: SCENARIO_VERSION,
      ...(this.start.title !== undefined ? { title: this.start.title } : {}),
      ...(this.start.lesson !== undefined ? { lesson: { ...this.start.lesson } } : {}),
      seed: this.start.seed,
      ...(this.start.nodes ? { nodes: this.start.nodes.map((n) => ({ ...n })) } : {}),
      manifests,
      timeline,
      resumeAtMs: this.elapsedMs,
    };
  }

  /** Attach what the command read when the final files would answer differently. */
  private withFilesIfChanged(r: Recorded): TimelineEntry {
    if (r.entry.files) return r.entry; // replayed entries keep what they carried
    const differs =
      [...r.reads].some(([name, text]) => this.files.get(name) !== text) ||
      [...r.listings].some(([dir, names]) => listDir(this.files.keys(), dir).join('\n') !== names.join('\n'));
    if (!differs) return r.entry;
    const seen = new Map<string, string>();
    for (const [name, text] of r.reads) if (text !== undefined) seen.set(name, text);
    for (const [dir, names] of r.listings) {
      for (const n of names) {
        const full = dir === '' ? n : `${dir}/${n}`;
        if (!seen.has(full) && r.reads.get(full) === undefined) seen.set(full, this.files.get(full) ?? '');
      }
    }
    return { ...r.entry, files: [...seen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, text]) => ({ name, text })) };
  }

  /** Replay one timeline entry at its time (used by `replay`). */
  replayEntry(entry: TimelineEntry, index: number): void {
    const dueMs = this.runner.startMs + entry.atMs;
    const nowMs = this.runner.sim.now();
    if (dueMs < nowMs) {
      throw new ScenarioError([
        { path: `timeline[${index}].atMs`, message: `the clock is already at ${nowMs - this.runner.startMs} ms (an earlier command advanced it past ${entry.atMs} ms)` },
      ]);
    }
    if (dueMs > nowMs) this.runner.sim.advanceTo(dueMs);
    this.replayFiles = entry.files ? new Map(entry.files.map((f) => [normalizePath(f.name), f.text])) : undefined;
    try {
      const result = this.run(entry.command, entry.stdin);
      // Streams (`get -w`) have no effect on the cluster; a replay does not keep them open.
      result.stream?.stop();
    } finally {
      this.replayFiles = undefined;
    }
    if (entry.files) this.recorded.at(-1)!.entry = { ...this.recorded.at(-1)!.entry, files: entry.files };
  }
}

function syntaxError(message: string): CommandResult {
  const text = `kubesim: ${message}\n`;
  return { stdout: '', stderr: text, output: text, chunks: [{ stream: 'stderr', text }], exitCode: 2 };
}

export interface ReplayOptions extends SessionOptions {
  /** Stop at this many virtual ms since the start instead of the scenario's resume time. */
  untilMs?: number;
}

/**
 * Rebuild a scenario's cluster: a fresh simulation with its seed and nodes, every command at its
 * virtual time, then the clock advanced to the resume time. The result continues like the original.
 */
export function replay(scenario: Scenario, options: ReplayOptions = {}): ScenarioSession {
  const session = new ScenarioSession(
    {
      seed: scenario.seed,
      ...(scenario.nodes ? { nodes: scenario.nodes } : {}),
      manifests: scenario.manifests,
      ...(scenario.title !== undefined ? { title: scenario.title } : {}),
      ...(scenario.lesson !== undefined ? { lesson: scenario.lesson } : {}),
    },
    options,
  );
  const untilMs = Math.min(options.untilMs ?? scenario.resumeAtMs, scenario.resumeAtMs);
  scenario.timeline.forEach((entry, i) => {
    if (entry.atMs <= untilMs) session.replayEntry(entry, i);
  });
  if (untilMs > session.elapsedMs) session.advanceTo(untilMs);
  return session;
}

/**
 * Time travel: the scenario as it stood at `atMs` (every command run by then, the clock at `atMs`).
 * A command that moves the clock itself (`sim advance`, `kubectl wait`) and started before `atMs`
 * finishes as it did, so the replay may end later than `atMs`.
 */
export function truncateAt(scenario: Scenario, atMs: number): Scenario {
  const t = Math.max(0, Math.min(atMs, scenario.resumeAtMs));
  return { ...scenario, timeline: scenario.timeline.filter((e) => e.atMs <= t), resumeAtMs: t };
}

/** Time travel to a marker: the scenario right after timeline entry `index` ran. */
export function truncateAfter(scenario: Scenario, index: number): Scenario {
  const timeline = scenario.timeline.slice(0, Math.max(0, index + 1));
  return { ...scenario, timeline, resumeAtMs: timeline.at(-1)?.atMs ?? 0 };
}

/**
 * Every object in the cluster by kind (kinds and objects in a fixed order), for comparing two
 * clusters: a replay against the original, a time-travel jump against the state first seen then.
 */
export function clusterObjects(sim: Simulation): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const kind of allKinds().map((d) => d.kind).sort()) {
    const objects = sim.objects(kind) as { metadata: { namespace?: string; name: string } }[];
    if (objects.length === 0) continue;
    out[kind] = objects.sort((a, b) => {
      const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }
  return out;
}
