/**
 * What a tutorial is made of, as data the UI and the headless tests share. A lesson is a starting
 * cluster plus steps; each step has text (English and Simplified Chinese), actions the learner
 * can take with one click ("load this manifest" into an editor tab, "run this" line in the
 * terminal), a check that ticks the step off, and a hint for when it does not.
 *
 * Checks are pure predicates over a `ClusterView`: the UI evaluates them against the objects it
 * mirrors from the worker; the headless runner (`headless.ts`) against a simulation. They never
 * mutate what they read and never depend on wall time.
 *
 * This module (and `checks.ts`) import only types, so the UI can bundle lessons without the engine.
 */
import type { ScenarioNode } from '../format.ts';

export type Lang = 'en' | 'zh';

/** Text in every language a lesson is written in. Inline `code` is written in backticks. */
export type Localized = Record<Lang, string>;

/** The metadata every object has, as the API serves it. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
  ownerReferences?: readonly { kind: string; name: string; uid: string; controller?: boolean }[];
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export interface ClusterObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

/** What a check may look at. */
export interface ClusterView {
  /** Every object of a kind (`Pod`, `Job`, `Node`...), in any order. */
  objects(kind: string): readonly ClusterObject[];
  /** core/v1 Events. */
  events(): readonly ClusterObject[];
  /** Lines a container printed; undefined when unknown (no such container, or logs not mirrored). */
  logs?(namespace: string, pod: string, container?: string, previous?: boolean): readonly string[] | undefined;
  /** The terminal commands run so far, as typed (for "look at it" steps). */
  history?(): readonly string[];
}

/** Put a manifest into an editor tab (creating or replacing it). */
export interface LoadAction {
  load: string;
  text: string;
}

/**
 * Type a line into the terminal. The line may name objects the lesson cannot know in advance with
 * placeholders, resolved against the cluster when the learner clicks (see `resolveCommand`):
 * `{{pod:job-name=pi}}` the first pod (by name) with those labels, `{{node:job-name=pi}}` that pod's
 * node, `{{job:owner=CronJob/hello}}` the first Job a CronJob created.
 */
export interface RunAction {
  run: string;
  stdin?: string;
  /** The command is meant to fail (the lesson shows an error). */
  fails?: boolean;
}

export type Action = LoadAction | RunAction;

export interface Step {
  id: string;
  title: Localized;
  /** What to do and why; paragraphs separated by blank lines. */
  text: Localized;
  actions: Action[];
  /** True once the step is done. */
  check: (view: ClusterView) => boolean;
  /** Shown when the check has not ticked after `withinMs` of virtual time. */
  hint: Localized;
  /** Virtual time the step normally needs after its actions (default 2 minutes). */
  withinMs?: number;
}

export interface Lesson {
  /** URL slug: `#/learn/<id>`. */
  id: string;
  number: number;
  title: Localized;
  summary: Localized;
  /** Where the material comes from (the seed document and section). */
  source: string;
  /** The cluster the lesson starts from. */
  start: { seed: number | string; nodes?: ScenarioNode[] };
  steps: Step[];
}

export const DEFAULT_STEP_WITHIN_MS = 2 * 60_000;

export function isLoad(action: Action): action is LoadAction {
  return 'load' in action;
}

/**
 * Tick steps off in order: starting at `done`, while the next step's check holds, count it done.
 * Returns the new number of steps done (the UI calls this whenever its mirror changes).
 */
export function advanceProgress(lesson: Lesson, done: number, view: ClusterView): number {
  let n = Math.max(0, done);
  while (n < lesson.steps.length && lesson.steps[n]!.check(view)) n++;
  return n;
}

/** Split text into plain and `code` runs, for rendering without HTML. */
export function inlineSegments(text: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  const parts = text.split('`');
  parts.forEach((part, i) => {
    // An unmatched final backtick stays literal.
    const code = i % 2 === 1 && i < parts.length - 1;
    if (part === '' && !code) return;
    if (i % 2 === 1 && !code) out.push({ code: false, text: `\`${part}` });
    else out.push({ code, text: part });
  });
  return out;
}
