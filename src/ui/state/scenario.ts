/**
 * The workspace as a scenario: which slot the worker hosts (the playground or a lesson), the
 * scenario it records (the replay bar's timeline, what autosave keeps), the lesson's progress as
 * the worker evaluates it, and the flows around them — switching slots (saving the one left),
 * opening shared links and files as a copy (asking before it replaces work), sharing, exporting,
 * a new cluster, time travel.
 *
 * Autosave writes the slot's scenario and active tab to localStorage shortly after every change,
 * every few seconds while the clock runs, and when the page is hidden; the worker validates and
 * replays it on the next visit (src/boot.ts asks before the app has even loaded).
 */
import { create } from 'zustand';
import { type ManifestFile, type Scenario, SCENARIO_LIMITS } from '../../scenarios/format.ts';
import { JOB_EXAMPLE } from '../../scenarios/playground.ts';
import { SHARE_LIMITS } from '../../scenarios/share.ts';
import type { Lang } from '../../scenarios/tutorials/lesson.ts';
import { type Lessons, loadLesson } from '../learn/lessons.ts';
import type { LessonState, SavedWorkspace, ShareResult, Slot } from '../../worker/protocol.ts';
import { formatElapsed } from '../timeline/time.ts';
import { useClusterStore } from './cluster.ts';
import { type WorkspaceMessage, engine, setWorkspaceHandler } from './engine.ts';
import { navigate, useRoute } from './route.ts';
import { type Route, openTarget, readSlot, routeOfSlot, sameSlot, slotKey } from './slots.ts';
import { terminalBus } from './terminalBus.ts';
import { useUiStore } from './ui.ts';
import { useWorkspace } from './workspace.ts';

export interface ScenarioState {
  slot: Slot;
  /** The recorded scenario as the worker last posted it. */
  scenario: Scenario | undefined;
  lesson: LessonState | null;
  /** The worker is installing a workspace: the slot and scenario above are about to change. */
  opening: boolean;
  lang: Lang;
  /** The last share, shown in the share dialog. */
  shared: (ShareResult & { url: string }) | undefined;
  setLang(lang: Lang): void;
}

const LANG_KEY = 'kubesim.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* no storage */
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const useScenarioStore = create<ScenarioState>()((set) => ({
  slot: { kind: 'playground' },
  scenario: undefined,
  lesson: null,
  opening: true, // until the worker has opened the first workspace
  lang: initialLang(),
  shared: undefined,
  setLang(lang) {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      /* the choice lasts for this tab */
    }
    set({ lang });
  },
}));

// ---- autosave ----

/** The tab to show once the next workspace opens (the one saved with it). */
let pendingActiveTab: string | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let lastSavedKey = '';

function elapsedNow(): number {
  const c = useClusterStore.getState();
  return Math.floor(c.simNowMs - c.clock.startMs);
}

/** The live workspace as stored: the scenario, resumed at the clock's time now. */
function currentWorkspace(): SavedWorkspace | undefined {
  const { scenario } = useScenarioStore.getState();
  if (!scenario) return undefined;
  const last = scenario.timeline.at(-1)?.atMs ?? 0;
  const resumeAtMs = Math.min(SCENARIO_LIMITS.durationMs, Math.max(last, scenario.resumeAtMs, elapsedNow()));
  const active = useWorkspace.getState().active;
  return { version: 1, scenario: { ...scenario, resumeAtMs }, ...(active ? { activeTab: active } : {}) };
}

/** Save the live workspace in its slot now (skipped while another one is being installed). */
export function saveNow(): void {
  clearTimeout(saveTimer);
  const { slot, opening } = useScenarioStore.getState();
  const saved = opening ? undefined : currentWorkspace();
  if (!saved) return;
  const text = JSON.stringify(saved);
  if (text === lastSavedKey) return;
  try {
    localStorage.setItem(slotKey(slot), text);
    lastSavedKey = text;
  } catch {
    /* storage full or disabled: keep working without autosave */
  }
}

function saveSoon(delayMs = 400): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, delayMs);
}

setInterval(saveNow, 3000);
window.addEventListener('pagehide', saveNow);
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && saveNow());

// ---- messages from the worker ----

function onWorkspaceMessage(msg: WorkspaceMessage): void {
  switch (msg.type) {
    case 'ready':
      // A new cluster is on screen; until its scenario arrives, the old one must not be saved with it.
      useScenarioStore.setState({ opening: true });
      return;
    case 'opened': {
      const ws = useWorkspace.getState();
      ws.replaceAll(msg.scenario.manifests, pendingActiveTab ?? ws.active);
      pendingActiveTab = undefined;
      useScenarioStore.setState({ slot: msg.slot, scenario: msg.scenario });
      settle();
      if (msg.notice) useUiStore.getState().showNotice(msg.notice);
      saveNow();
      return;
    }
    case 'scenario':
      useScenarioStore.setState({ scenario: msg.scenario });
      saveSoon();
      return;
    case 'lesson':
      useScenarioStore.setState({ lesson: msg.state });
      return;
  }
}

setWorkspaceHandler(onWorkspaceMessage);

/** The active tab saved with a slot's workspace. */
function savedActiveTab(slot: Slot): string | undefined {
  try {
    const saved = JSON.parse(readSlot(slot) ?? 'null') as Partial<SavedWorkspace> | null;
    return typeof saved?.activeTab === 'string' ? saved.activeTab : undefined;
  } catch {
    return undefined;
  }
}

// ---- switching workspaces ----

/** Install `slot`'s workspace (restored from its autosave), saving the one being left. */
async function switchSlot(slot: Slot): Promise<void> {
  saveNow();
  pendingActiveTab = savedActiveTab(slot);
  useScenarioStore.setState({ opening: true });
  try {
    await engine.open(openTarget(slot), slot.kind === 'playground');
  } catch (e) {
    useUiStore.getState().showError(e instanceof Error ? e.message : String(e));
    navigate(routeOfSlot(useScenarioStore.getState().slot), { replace: true });
  } finally {
    settle();
  }
}

/**
 * Follow the route: a shared link is opened, another slot is switched to. The lesson list keeps
 * whatever cluster is open. A route that changes while a workspace is being installed is followed
 * once it is (see `settle`).
 */
export function followRoute(route: Route): void {
  if (route.page === 'shared') return void openSharedLink(route.payload);
  if (route.page === 'learn') return;
  const want: Slot = route.page === 'lesson' ? { kind: 'lesson', id: route.id } : { kind: 'playground' };
  const { slot, opening } = useScenarioStore.getState();
  if (!opening && !sameSlot(want, slot)) void switchSlot(want);
}

/** A workspace is installed: show it, and follow a route that moved meanwhile. */
function settle(): void {
  useScenarioStore.setState({ opening: false });
  const route = useRoute.getState().route;
  if (route.page !== 'shared') followRoute(route);
}

/** Whether a slot's autosave holds work a shared scenario would replace. */
function hasWork(slot: Slot): boolean {
  let saved: Partial<SavedWorkspace> | null;
  try {
    saved = JSON.parse(readSlot(slot) ?? 'null') as Partial<SavedWorkspace> | null;
  } catch {
    return false;
  }
  const scenario = saved?.scenario;
  if (!scenario || !Array.isArray(scenario.timeline) || !Array.isArray(scenario.manifests)) return false;
  if (slot.kind === 'lesson') return scenario.timeline.length > 0 || (scenario.lesson?.done ?? 0) > 0;
  const pristineTabs = scenario.manifests.length === 1 && scenario.manifests[0]!.name === JOB_EXAMPLE.fileName && scenario.manifests[0]!.text === JOB_EXAMPLE.text;
  return scenario.timeline.length > 1 || !pristineTabs;
}

async function describeSlot(slot: Slot): Promise<string> {
  if (slot.kind === 'playground') return 'your playground';
  const lesson = await loadLesson(slot.id);
  return `your progress in lesson ${lesson?.number ?? ''} “${lesson?.title[useScenarioStore.getState().lang] ?? slot.id}”`;
}

/**
 * Open a decoded scenario as a copy in the slot it belongs to (its lesson's, or the playground),
 * after asking when that slot holds work. Paused, at the moment it was shared.
 */
async function openCopy(scenario: Scenario, what: string): Promise<boolean> {
  const target: Slot = scenario.lesson && (await loadLesson(scenario.lesson.id)) ? { kind: 'lesson', id: scenario.lesson.id } : { kind: 'playground' };
  saveNow();
  if (hasWork(target)) {
    const ok = await useUiStore.getState().askConfirm({
      title: `Open the ${what}?`,
      body: `It opens as a copy in place of ${await describeSlot(target)}, which is replaced. To keep it, cancel and export it first (File ▾ → Export).`,
      confirm: 'Open the copy',
      cancel: 'Keep mine',
    });
    if (!ok) return false;
  }
  useScenarioStore.setState({ opening: true });
  navigate(routeOfSlot(target), { replace: true });
  try {
    await engine.open({ kind: 'scenario', scenario }, false);
    const commands = scenario.timeline.length;
    terminalBus.emit({ kind: 'notice', text: `opened a ${what}: ${commands} command${commands === 1 ? '' : 's'} replayed, paused at t=${formatElapsed(scenario.resumeAtMs)}` });
    return true;
  } catch (e) {
    useUiStore.getState().showError(`The ${what} cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  } finally {
    settle();
  }
}

async function openSharedLink(payload: string): Promise<void> {
  let scenario: Scenario;
  try {
    ({ scenario } = await engine.decode({ fragment: payload }));
  } catch (e) {
    useUiStore.getState().showError(`This shared link cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
    navigate(routeOfSlot(useScenarioStore.getState().slot), { replace: true });
    return;
  }
  if (!(await openCopy(scenario, 'shared scenario'))) navigate(routeOfSlot(useScenarioStore.getState().slot), { replace: true });
}

// ---- share, export, import ----

export async function shareWorkspace(): Promise<void> {
  try {
    const result = await engine.share();
    const url = `${location.origin}${location.pathname}${result.fragment}`;
    useScenarioStore.setState({ shared: { ...result, url } });
    if (result.chatFriendly) await navigator.clipboard?.writeText(url).catch(() => undefined);
  } catch (e) {
    useUiStore.getState().showError(`Cannot share this workspace: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function closeShare(): void {
  useScenarioStore.setState({ shared: undefined });
}

/** Offer a text as a file download. */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function exportWorkspace(): Promise<void> {
  try {
    const result = await engine.share();
    download(result.fileName, result.fileText);
  } catch (e) {
    useUiStore.getState().showError(`Cannot export this workspace: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function importWorkspace(file: File): Promise<void> {
  if (file.size > SHARE_LIMITS.fileChars * 4) {
    useUiStore.getState().showError(`The file cannot be opened: it is too large (${Math.round(file.size / 1024)} KB)`);
    return;
  }
  let scenario: Scenario;
  try {
    ({ scenario } = await engine.decode({ file: await file.text() }));
  } catch (e) {
    useUiStore.getState().showError(`${file.name} cannot be opened: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  await openCopy(scenario, `file ${file.name}`);
}

// ---- new cluster, time travel ----

export async function newCluster(): Promise<void> {
  const { slot, scenario } = useScenarioStore.getState();
  const ui = useUiStore.getState();
  if (slot.kind === 'lesson') {
    const lesson = await loadLesson(slot.id);
    const ok = await ui.askConfirm({
      title: 'Restart the lesson?',
      body: `The lesson’s cluster, its timeline and your progress (${useScenarioStore.getState().lesson?.done ?? 0} of ${lesson?.steps.length ?? 0} steps) start over, and its tabs close.`,
      confirm: 'Restart',
      danger: true,
    });
    if (!ok) return;
    useScenarioStore.setState({ opening: true });
    try {
      await engine.open({ kind: 'lesson', id: slot.id }, false);
    } finally {
      settle();
    }
    return;
  }
  const commands = Math.max(0, (scenario?.timeline.length ?? 1) - 1);
  const ok = await ui.askConfirm({
    title: 'Start a new cluster?',
    body: `The cluster and its timeline (${commands} command${commands === 1 ? '' : 's'} after the starter DaemonSet) are replaced by a fresh one: 1 control-plane node, 3 workers. Your editor tabs stay.`,
    confirm: 'New cluster',
    danger: true,
  });
  if (ok) await engine.reset();
}

/** Jump back to just after timeline entry `index` (asking, since the later entries are dropped). */
export async function travelTo(index: number): Promise<void> {
  const timeline = useScenarioStore.getState().scenario?.timeline ?? [];
  const entry = timeline[index];
  if (!entry) return;
  const dropped = timeline.length - 1 - index;
  const ok = await useUiStore.getState().askConfirm({
    title: `Go back to t=${formatElapsed(entry.atMs)}?`,
    body: `The cluster is replayed to the moment right after “${entry.command}” and paused. ${
      dropped === 0 ? 'Nothing is dropped.' : `The ${dropped} later command${dropped === 1 ? ' is' : 's are'} dropped: what you do next continues from there.`
    }`,
    confirm: 'Go back',
    danger: dropped > 0,
  });
  if (!ok) return;
  useScenarioStore.setState({ opening: true });
  try {
    await engine.timeTravel(index);
    terminalBus.emit({ kind: 'notice', text: `back at t=${formatElapsed(entry.atMs)}, after: ${entry.command}` });
  } finally {
    settle();
  }
}

// ---- lessons ----

/** Steps done in each lesson's autosave, for the lesson list. */
export function savedProgress(lessons: Lessons): Record<string, number> {
  const out: Record<string, number> = {};
  for (const lesson of lessons) {
    try {
      const saved = JSON.parse(readSlot({ kind: 'lesson', id: lesson.id }) ?? 'null') as Partial<SavedWorkspace> | null;
      const done = saved?.scenario?.lesson?.done;
      if (typeof done === 'number') out[lesson.id] = done;
    } catch {
      /* unreadable: no progress shown */
    }
  }
  return out;
}

/** Put a lesson's manifest in an editor tab. */
export function loadManifest(file: ManifestFile): void {
  useWorkspace.getState().load(file.name, file.text);
}
