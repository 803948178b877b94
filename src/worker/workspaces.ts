/**
 * The workspaces a worker can host, each a recorded `ScenarioSession`: the playground (the starter
 * DaemonSet is its first timeline entry, so a shared playground replays identically), a lesson
 * (the lesson's own cluster, nothing applied), an autosaved workspace restored by replay, and a
 * shared or imported scenario. Also the share payloads and the command a saved `kubectl edit`
 * is recorded as.
 *
 * Saved and shared data is untrusted: it is parsed here (never on the page's thread) and validated
 * by `parseScenario` before anything replays it.
 */
import { defaultNodes } from '../engine/index.ts';
import type { EditRequest } from '../kubectl/io.ts';
import { type ManifestFile, type Scenario, ScenarioError, SCENARIO_LIMITS, parseScenario } from '../scenarios/format.ts';
import { JOB_EXAMPLE, STARTER_MANIFESTS } from '../scenarios/playground.ts';
import { ScenarioSession, type SessionOptions, replay } from '../scenarios/session.ts';
import { SCENARIO_FILE_EXTENSION, SHARE_LIMITS, ShareError, exportScenarioFile, scenarioFragment } from '../scenarios/share.ts';
import { lessonById } from '../scenarios/tutorials/index.ts';
import type { Lesson } from '../scenarios/tutorials/lesson.ts';
import type { OpenTarget, SavedWorkspace, ShareResult, Slot } from './protocol.ts';

/** Every session in the worker: the terminal has an editor, so `kubectl edit` opens a tab. */
export const SESSION_OPTIONS: SessionOptions = { interactiveEdit: true };

export const PLAYGROUND_SEED = 'kubesim';
export const DEFAULT_TABS: ManifestFile[] = [{ name: JOB_EXAMPLE.fileName, text: JOB_EXAMPLE.text }];

export interface PlaygroundOptions {
  seed?: string;
  workers?: number;
  /** Manifests applied at t = 0 (the starter DaemonSet by default; empty for none). */
  starter?: string;
  manifests?: ManifestFile[];
}

/** A fresh playground: the default cluster, and the starter applied as the first command. */
export function playground(options: PlaygroundOptions = {}): ScenarioSession {
  const workers = options.workers ?? 3;
  const session = new ScenarioSession(
    { seed: options.seed ?? PLAYGROUND_SEED, ...(workers !== 3 ? { nodes: defaultNodes(workers) } : {}), manifests: options.manifests ?? DEFAULT_TABS },
    SESSION_OPTIONS,
  );
  const starter = options.starter ?? STARTER_MANIFESTS;
  if (starter.trim()) session.run('kubectl apply -f -', starter);
  return session;
}

/** A lesson from its first step: the lesson's cluster, no tabs, nothing applied. */
export function lessonSession(lesson: Lesson): ScenarioSession {
  return new ScenarioSession({ ...lesson.start, lesson: { id: lesson.id, done: 0 } }, SESSION_OPTIONS);
}

/** The slot a scenario belongs to: its lesson's, when it names a lesson this kubesim has. */
export function slotOf(scenario: Scenario): Slot {
  const id = scenario.lesson?.id;
  return id !== undefined && lessonById(id) ? { kind: 'lesson', id } : { kind: 'playground' };
}

/** The scenario in an autosaved workspace; throws with the reason it cannot be used. */
export function savedScenario(saved: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(saved) as unknown;
  } catch {
    throw new ShareError('it is not valid JSON');
  }
  const workspace = data as Partial<SavedWorkspace> | null;
  if (!workspace || typeof workspace !== 'object' || workspace.version !== 1) throw new ShareError('it was saved by a different kubesim version');
  return parseScenario(workspace.scenario);
}

export interface Opened {
  session: ScenarioSession;
  slot: Slot;
  /** Why a saved workspace was not restored, for the learner to read. */
  notice?: string;
}

function reason(e: unknown): string {
  if (e instanceof ScenarioError || e instanceof ShareError) return e.message;
  throw e;
}

/** Build the workspace a UI asked for. */
export function openWorkspace(target: OpenTarget): Opened {
  if (target.kind === 'scenario') {
    const scenario = parseScenario(target.scenario);
    return { session: replay(scenario, SESSION_OPTIONS), slot: slotOf(scenario) };
  }
  const lesson = target.kind === 'lesson' ? lessonById(target.id) : undefined;
  if (target.kind === 'lesson' && !lesson) throw new ShareError(`there is no lesson "${target.id}"`);
  const slot: Slot = lesson ? { kind: 'lesson', id: lesson.id } : { kind: 'playground' };
  const fresh = () => (lesson ? lessonSession(lesson) : playground(target.kind === 'playground' && target.manifests ? { manifests: target.manifests } : {}));
  if (target.saved === undefined) return { session: fresh(), slot };
  try {
    const scenario = savedScenario(target.saved);
    if (lesson && scenario.lesson?.id !== lesson.id) throw new ShareError(`it belongs to another lesson`);
    return { session: replay(scenario, SESSION_OPTIONS), slot };
  } catch (e) {
    return { session: fresh(), slot, notice: `Your saved workspace could not be restored (${reason(e)}); this is a fresh one.` };
  }
}

/** A session's scenario, its resume time capped at what a scenario may hold (a week). */
export function scenarioOf(session: ScenarioSession): Scenario {
  const scenario = session.toScenario();
  return scenario.resumeAtMs > SCENARIO_LIMITS.durationMs ? { ...scenario, resumeAtMs: SCENARIO_LIMITS.durationMs } : scenario;
}

/** A link for the scenario, and the file for when the link is too long for chat apps. */
export function share(scenario: Scenario): ShareResult {
  const base = (scenario.title ?? scenario.lesson?.id ?? 'playground').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'playground';
  const fragment = scenarioFragment(scenario);
  return {
    fragment,
    chatFriendly: fragment.length <= SHARE_LIMITS.chatFriendlyChars,
    fileText: exportScenarioFile(scenario),
    fileName: `${base}${SCENARIO_FILE_EXTENSION}`,
  };
}

/**
 * The command a saved `kubectl edit` is recorded as: `kubectl edit` of exactly the objects that were
 * edited (`deployment/web`), with the saved buffer as its here-document. Naming the objects keeps
 * the replay editing the same ones even when a selector would match others by then.
 */
export function editCommand(request: EditRequest, typed: string): string {
  const namespaces = new Set(request.targets.map((t) => t.namespace ?? ''));
  if (namespaces.size > 1 || request.targets.length === 0) return typed;
  const ns = [...namespaces][0];
  // The replay runs in the default namespace like the original; only another one needs saying.
  return `kubectl edit ${request.targets.map((t) => `${t.kind.toLowerCase()}/${t.name}`).join(' ')}${ns && ns !== 'default' ? ` -n ${ns}` : ''}`;
}
