/**
 * The editor's workspace: files in tabs (each may hold several YAML documents), the active tab,
 * diagnostics per file (semantic lints from the worker, API errors after Apply). The tabs are part
 * of the scenario: every change reaches the worker (`setFiles`, so `kubectl apply -f NAME` typed
 * in the terminal reads the tab), which autosaves and shares them with the rest of the workspace;
 * a new workspace (another slot, a shared link) replaces them all. Apply and Delete run
 * `kubectl apply|delete -f <file>` through the engine, so the terminal shows exactly what was run.
 * A `kubectl edit` opens its buffer as a tab of its own: Save hands the text back to kubectl (and
 * closes the tab once it applied), Cancel drops it.
 */
import { create } from 'zustand';
import type { ManifestFile } from '../../scenarios/format.ts';
import type { ExampleManifest } from '../../scenarios/playground.ts';
import type { Diagnostic } from '../../worker/protocol.ts';
import { engine, setBeforeRequest, setEditorOpener } from './engine.ts';

export interface EditorFile {
  name: string;
  text: string;
  /** Set for a `kubectl edit` buffer: the worker's edit id, and the text as opened. */
  edit?: { id: number; original: string };
}

export interface WorkspaceState {
  files: EditorFile[];
  /** The active tab's name ('' with no tabs). */
  active: string;
  /** Bumped when tabs are replaced from outside the editor (a new workspace, a lesson's load). */
  generation: number;
  lints: Record<string, Diagnostic[]>;
  apiErrors: Record<string, Diagnostic[]>;
  busy: boolean;
  setText(name: string, text: string): void;
  open(file: EditorFile): void;
  /** Put a manifest in the tab of that name (created, or replaced) and show it. */
  load(name: string, text: string): void;
  /** A new workspace's tabs. */
  replaceAll(files: ManifestFile[], active?: string): void;
  close(name: string): void;
  setActive(name: string): void;
  setLints(name: string, d: Diagnostic[]): void;
  apply(): Promise<void>;
  remove(): Promise<void>;
  openEdit(o: { fileName: string; text: string; editId: number }): void;
  /** Save (`cancel`: drop) the active `kubectl edit` buffer. */
  finishEdit(cancel?: boolean): Promise<void>;
}

/** How long tab edits wait before they are sent to the worker (sent at once before any request). */
const SYNC_DELAY_MS = 200;
let syncTimer: ReturnType<typeof setTimeout> | undefined;
let syncPending = false;

function syncNow(): void {
  clearTimeout(syncTimer);
  if (!syncPending) return;
  syncPending = false;
  // Edit buffers belong to kubectl edit, not to the scenario.
  engine.setFiles(useWorkspace.getState().files.filter((f) => !f.edit).map((f) => ({ name: f.name, text: f.text })));
}

function scheduleSync(): void {
  syncPending = true;
  clearTimeout(syncTimer);
  syncTimer = setTimeout(syncNow, SYNC_DELAY_MS);
}

function uniqueName(files: EditorFile[], name: string): string {
  if (!files.some((f) => f.name === name)) return name;
  const m = /^(.*?)(\.ya?ml)?$/.exec(name)!;
  for (let i = 2; ; i++) if (!files.some((f) => f.name === `${m[1]}-${i}${m[2] ?? ''}`)) return `${m[1]}-${i}${m[2] ?? ''}`;
}

export const useWorkspace = create<WorkspaceState>()((set, get) => ({
  files: [],
  active: '',
  generation: 0,
  lints: {},
  apiErrors: {},
  busy: false,
  setText(name, text) {
    const files = get().files.map((f) => (f.name === name ? { ...f, text } : f));
    set({ files, apiErrors: { ...get().apiErrors, [name]: [] } });
    scheduleSync();
  },
  open(file) {
    const existing = get().files.find((f) => f.name === file.name);
    if (existing && existing.text === file.text) return set({ active: file.name });
    const name = existing ? uniqueName(get().files, file.name) : file.name;
    set({ files: [...get().files, { name, text: file.text }], active: name });
    scheduleSync();
  },
  load(name, text) {
    const exists = get().files.some((f) => f.name === name);
    const files = exists ? get().files.map((f) => (f.name === name ? { name, text } : f)) : [...get().files, { name, text }];
    set({ files, active: name, generation: get().generation + 1, apiErrors: { ...get().apiErrors, [name]: [] } });
    scheduleSync();
  },
  replaceAll(files, active) {
    clearTimeout(syncTimer);
    syncPending = false; // these are the worker's own
    const tabs = files.map((f) => ({ name: f.name, text: f.text }));
    set({ files: tabs, active: active !== undefined && tabs.some((f) => f.name === active) ? active : (tabs[0]?.name ?? ''), generation: get().generation + 1, lints: {}, apiErrors: {} });
  },
  close(name) {
    const files = get().files.filter((f) => f.name !== name);
    set({ files, active: get().active === name ? (files[0]?.name ?? '') : get().active });
    scheduleSync();
  },
  setActive(active) {
    set({ active });
  },
  setLints(name, d) {
    set({ lints: { ...get().lints, [name]: d } });
  },
  async apply() {
    const file = get().files.find((f) => f.name === get().active);
    if (!file || get().busy) return;
    if (file.edit) return get().finishEdit();
    set({ busy: true });
    try {
      const out = await engine.run(`kubectl apply -f ${file.name}`, { [file.name]: file.text });
      set({ apiErrors: { ...get().apiErrors, ...(out.diagnostics ?? {}) } });
    } finally {
      set({ busy: false });
    }
  },
  openEdit({ fileName, text, editId }) {
    const name = uniqueName(get().files, fileName);
    set({ files: [...get().files, { name, text, edit: { id: editId, original: text } }], active: name });
    onEditOpened?.();
  },
  async finishEdit(cancel = false) {
    const file = get().files.find((f) => f.name === get().active);
    if (!file?.edit || get().busy) return;
    set({ busy: true });
    try {
      const out = await engine.finishEdit(file.edit.id, file.name, cancel ? file.edit.original : file.text);
      if (out.exitCode === 0) get().close(file.name);
    } finally {
      set({ busy: false });
    }
  },
  async remove() {
    const file = get().files.find((f) => f.name === get().active);
    if (!file || get().busy) return;
    set({ busy: true });
    try {
      await engine.run(`kubectl delete -f ${file.name}`, { [file.name]: file.text });
    } finally {
      set({ busy: false });
    }
  },
}));

let onEditOpened: (() => void) | undefined;
/** Called when a `kubectl edit` buffer opens (narrow screens switch to the editor tab). */
export function setOnEditOpened(fn: () => void): void {
  onEditOpened = fn;
}

setEditorOpener((o) => useWorkspace.getState().openEdit(o));
setBeforeRequest(syncNow);

export function openExample(ex: ExampleManifest): void {
  useWorkspace.getState().open({ name: ex.fileName, text: ex.text });
}

/** Why Apply is disabled for the active file, if it is. */
export function applyBlocker(s: WorkspaceState): string | undefined {
  const file = s.files.find((f) => f.name === s.active);
  if (!file) return 'No file is open.';
  if (!file.text.trim()) return 'The file is empty.';
  const yamlError = (s.lints[file.name] ?? []).find((d) => d.source === 'yaml');
  if (yamlError) return `Fix the YAML first: line ${yamlError.line}: ${yamlError.message}`;
  return undefined;
}
