/**
 * The message protocol between the UI (main thread) and the engine worker. Versioned, typed, and
 * structured-clone safe: plain JSON objects only. The UI imports this file's types and nothing else
 * from the worker; every other worker module stays on the worker's side of the boundary.
 *
 * - UI → worker (`UiToEngine`): requests carry an `id` and get exactly one `reply`.
 * - worker → UI (`EngineToUi`): every message carries `{ simNowMs, rv }` (virtual time and the
 *   store's resourceVersion when it was sent). Object changes arrive as one `frame` per animation
 *   frame: added / modified records and removed uids, already collapsed (add+delete = nothing).
 * - The worker records everything that changes the cluster as a scenario (src/scenarios): after
 *   each change it posts the `scenario` (what autosave and the replay bar keep); every new
 *   workspace (open, reset, time travel) arrives as `ready` (the objects) then `opened`.
 */

import type { ManifestFile, Scenario } from '../scenarios/format.ts';

export const PROTOCOL_VERSION = 3;

/** Playback speeds offered by the clock bar: virtual seconds per real second. */
export const SPEEDS = [0.5, 1, 2, 5, 10, 100, 1000] as const;

/** A Kubernetes object as JSON (what `kubectl get -o json` prints). */
export interface WireObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    creationTimestamp?: string;
    deletionTimestamp?: string;
    [k: string]: unknown;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [k: string]: unknown;
}

/** A condition as shown in cards and the inspector. */
export interface ConditionSummary {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Display data the worker computes with kubectl's own printers, so the UI never re-derives it. */
export type Summary =
  | {
      kind: 'Pod';
      /** kubectl's STATUS column. */
      status: string;
      phase: string;
      ready: string;
      restarts: number;
      nodeName?: string;
      /** The scheduler's FailedScheduling message while the pod cannot be placed. */
      unschedulable?: string;
      containers: string[];
      /** Containers that have a previous (terminated) instance, for `logs --previous`. */
      previous: string[];
      cpuMilli: number;
      memBytes: number;
      daemon: boolean;
    }
  | {
      kind: 'Node';
      status: string;
      ready: boolean;
      cordoned: boolean;
      /** Powered off by `sim node fail` (the Node object only notices ~40 s later: NotReady). */
      poweredOff: boolean;
      role: string;
      taints: string[];
      podCapacity: number;
      cpuAllocatableMilli: number;
      memAllocatableBytes: number;
    }
  | {
      kind: 'Job';
      succeeded: number;
      completions: number | null;
      active: number;
      parallelism: number;
      failed: number;
      backoffLimit: number;
      suspended: boolean;
      conditions: ConditionSummary[];
      duration?: string;
      /** While the controller holds back replacement pods after failures: when it will create them. */
      backoffUntilMs?: number;
    }
  | {
      kind: 'CronJob';
      schedule: string;
      /** The schedule in words ("Every 5 minutes"). */
      scheduleText?: string;
      suspended: boolean;
      active: number;
      nextRuns: string[];
      nextRunsMs: number[];
      lastSchedule?: string;
      invalid?: string;
    }
  | { kind: 'Workload'; desired: number; current: number; ready: number; available?: number; selector: string }
  | { kind: 'Event'; type: string; reason: string; message: string; object: string; objectUid?: string; count: number; lastMs: number; source: string }
  | { kind: 'Other' };

/** One object as the UI mirrors it. */
export interface ObjectRecord {
  uid: string;
  kind: string;
  namespace?: string;
  name: string;
  rv: string;
  /** The controlling owner's uid (ownerReferences[controller=true]). */
  ownerUid?: string;
  labels?: Record<string, string>;
  summary: Summary;
  /**
   * The whole object, except for the kinds there are thousands of (Pods, Events): their summary
   * says what the graphs and lists show, and the inspector asks for the object (`getObject`).
   * Keeping frames small is what keeps a thousand churning pods cheap to mirror.
   */
  object?: WireObject;
}

export interface Diff {
  added: ObjectRecord[];
  modified: ObjectRecord[];
  removed: string[];
}

export interface ClockState {
  playing: boolean;
  speed: number;
  /** Virtual time the simulation started at (t = 0 in the clock bar). */
  startMs: number;
  /** The next scheduled timer, if any. */
  nextEventMs?: number;
}

/** A kubectl / sim line's output, chunk by chunk as a terminal prints it. */
export interface CommandOutput {
  chunks: { stream: 'stdout' | 'stderr'; text: string }[];
  exitCode: number;
  /** Set when the command keeps printing (`get -w`): further output arrives as `streamOutput`. */
  streamId?: number;
  /** For commands run with `files` (apply -f): API errors placed on each file's lines. */
  diagnostics?: Record<string, Diagnostic[]>;
  /**
   * `kubectl edit`: open this text in the editor. The worker keeps the edit open under `editId`;
   * saving sends `finishEdit` with the text, as closing kubectl's editor would.
   */
  openInEditor?: { fileName: string; text: string; editId: number };
}

/** A problem found in a manifest, with 1-based line/column positions. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  source: 'kubesim' | 'apiserver' | 'yaml';
}

export interface Completion {
  /** Candidates for the word under the cursor. */
  items: string[];
  /** Where the word under the cursor starts in the line. */
  from: number;
}

/** Which workspace a cluster belongs to: the playground, or one lesson. Each is autosaved apart. */
export type Slot = { kind: 'playground' } | { kind: 'lesson'; id: string };

/**
 * What to open. `saved` is an autosaved workspace as stored (JSON text) and `scenario` a decoded
 * link or file: both untrusted, validated by the worker, which falls back to a fresh workspace
 * (with a `notice`) when a saved one cannot be restored.
 */
export type OpenTarget =
  | { kind: 'playground'; saved?: string; manifests?: ManifestFile[] }
  | { kind: 'lesson'; id: string; saved?: string }
  | { kind: 'scenario'; scenario: unknown };

/** How an autosaved workspace is stored (localStorage, one key per slot). */
export interface SavedWorkspace {
  version: 1;
  scenario: Scenario;
  activeTab?: string;
}

/** A lesson as the worker follows it against the live cluster. */
export interface LessonState {
  id: string;
  /** Steps ticked off, in order. */
  done: number;
  total: number;
  /** The current step has not ticked within its time: its hint is due. */
  stuck: boolean;
  /** Each "run this" command with placeholders, filled in from the cluster; null while it cannot be. */
  commands: Record<string, string | null>;
}

export interface ShareResult {
  /** `#s=1.…` */
  fragment: string;
  /** Whether the link is short enough for chat apps; else offer the file. */
  chatFriendly: boolean;
  /** The same scenario as a `.kubesim.json` file, and a name for it. */
  fileText: string;
  fileName: string;
}

/** UI → worker. */
export type UiToEngine =
  | { type: 'hello'; version: number; open?: OpenTarget; playing?: boolean }
  /**
   * A terminal line. Recorded in the scenario unless `record` is false, which only read-only
   * queries may ask for (the inspector's logs); anything else is recorded regardless.
   */
  | { type: 'runCommand'; id: number; line: string; files?: Record<string, string>; stdin?: string; record?: boolean }
  /** The editor's tabs (what `-f NAME` reads): the whole set, after every change. */
  | { type: 'setFiles'; files: ManifestFile[] }
  | { type: 'open'; id: number; target: OpenTarget; playing?: boolean }
  /** Decode a shared link's payload (what follows `#s=`) or a `.kubesim.json` file's text. */
  | { type: 'decodeScenario'; id: number; source: { fragment: string } | { file: string } }
  | { type: 'share'; id: number }
  /** Time travel: replay up to and including timeline entry `index`, dropping the rest. */
  | { type: 'timeTravel'; id: number; index: number }
  | { type: 'lintManifest'; id: number; fileName: string; text: string }
  | { type: 'complete'; id: number; line: string; cursor: number }
  | { type: 'getObject'; id: number; uid: string }
  | { type: 'finishEdit'; id: number; editId: number; text: string }
  | { type: 'stopStream'; streamId: number }
  | { type: 'setPlaying'; playing: boolean }
  | { type: 'setSpeed'; speed: number }
  | { type: 'stepToNextEvent'; id: number }
  | { type: 'advance'; id: number; ms: number }
  | { type: 'reset'; id: number; seed?: string; workers?: number; scenario?: string };

/** A request message (one with an id). */
export type Request = Extract<UiToEngine, { id: number }>;

/** The result a reply carries, by request type. */
export interface ReplyResults {
  runCommand: CommandOutput;
  lintManifest: Diagnostic[];
  complete: Completion;
  getObject: WireObject | null;
  /** What kubectl prints once its editor closes (`deployment.apps/web edited`, or the error). */
  finishEdit: CommandOutput;
  stepToNextEvent: { advancedMs: number };
  advance: { advancedMs: number };
  reset: { ok: true };
  open: { slot: Slot };
  decodeScenario: { scenario: Scenario };
  share: ShareResult;
  timeTravel: { slot: Slot };
}

/** worker → UI. */
export type EngineToUi = { simNowMs: number; rv: number } & (
  | { type: 'ready'; version: number; clock: ClockState; snapshot: ObjectRecord[] }
  /** A new workspace was installed (after its `ready`): its slot and scenario (the editor's tabs). */
  | { type: 'opened'; slot: Slot; scenario: Scenario; notice?: string }
  /** The recorded scenario changed (a command ran, files changed, a step ticked); `resumeAtMs` is now. */
  | { type: 'scenario'; scenario: Scenario }
  | { type: 'lesson'; state: LessonState | null }
  | { type: 'frame'; diff: Diff; clock: ClockState }
  | { type: 'reply'; id: number; ok: true; result: ReplyResults[keyof ReplyResults] }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'streamOutput'; streamId: number; chunk: { stream: 'stdout' | 'stderr'; text: string }; ended?: boolean }
  | { type: 'workerError'; message: string; fatal: boolean }
);
