/**
 * The editor's workspace: files in tabs (each may hold several YAML documents), the active tab,
 * diagnostics per file (semantic lints from the worker, API errors after Apply), autosaved to
 * localStorage. Apply and Delete run `kubectl apply|delete -f <file>` through the engine, so the
 * terminal shows exactly what was run. A `kubectl edit` opens its buffer as a tab of its own:
 * Save hands the text back to kubectl (and closes the tab once it applied), Cancel drops it.
 */
import { create } from 'zustand';
import { type ExampleManifest, JOB_EXAMPLE } from '../../scenarios/playground.ts';
import type { Diagnostic } from '../../worker/protocol.ts';
import { engine, setEditorOpener } from './engine.ts';

export interface EditorFile {
  name: string;
  text: string;
  /** Set for a `kubectl edit` buffer: the worker's edit id, and the text as opened. */
  edit?: { id: number; original: string };
}

export interface WorkspaceState {
  files: EditorFile[];
  active: string;
  lints: Record<string, Diagnostic[]>;
  apiErrors: Record<string, Diagnostic[]>;
  busy: boolean;
  setText(name: string, text: string): void;
  open(file: EditorFile): void;
  close(name: string): void;
  setActive(name: string): void;
  setLints(name: string, d: Diagnostic[]): void;
  apply(): Promise<void>;
  remove(): Promise<void>;
  openEdit(o: { fileName: string; text: string; editId: number }): void;
  /** Save (`cancel`: drop) the active `kubectl edit` buffer. */
  finishEdit(cancel?: boolean): Promise<void>;
}

const KEY = 'kubesim.workspace.v1';

function load(): Pick<WorkspaceState, 'files' | 'active'> {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Pick<WorkspaceState, 'files' | 'active'> | null;
    if (saved && Array.isArray(saved.files) && saved.files.length > 0 && saved.files.every((f) => typeof f.name === 'string' && typeof f.text === 'string')) {
      return { files: saved.files, active: saved.files.some((f) => f.name === saved.active) ? saved.active : saved.files[0]!.name };
    }
  } catch {
    /* a broken autosave falls back to the starter file */
  }
  return { files: [{ name: JOB_EXAMPLE.fileName, text: JOB_EXAMPLE.text }], active: JOB_EXAMPLE.fileName };
}

let saveTimer: ReturnType<typeof setTimeout> | undefined;
function autosave(state: Pick<WorkspaceState, 'files' | 'active'>): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      // Edit buffers belong to this session's worker: they are not restored.
      const files = state.files.filter((f) => !f.edit);
      localStorage.setItem(KEY, JSON.stringify({ files, active: files.some((f) => f.name === state.active) ? state.active : files[0]?.name }));
    } catch {
      /* storage full: keep working without autosave */
    }
  }, 300);
}

function uniqueName(files: EditorFile[], name: string): string {
  if (!files.some((f) => f.name === name)) return name;
  const m = /^(.*?)(\.ya?ml)?$/.exec(name)!;
  for (let i = 2; ; i++) if (!files.some((f) => f.name === `${m[1]}-${i}${m[2] ?? ''}`)) return `${m[1]}-${i}${m[2] ?? ''}`;
}

export const useWorkspace = create<WorkspaceState>()((set, get) => ({
  ...load(),
  lints: {},
  apiErrors: {},
  busy: false,
  setText(name, text) {
    const files = get().files.map((f) => (f.name === name ? { ...f, text } : f));
    set({ files, apiErrors: { ...get().apiErrors, [name]: [] } });
    autosave(get());
  },
  open(file) {
    const existing = get().files.find((f) => f.name === file.name);
    if (existing && existing.text === file.text) return set({ active: file.name });
    const name = existing ? uniqueName(get().files, file.name) : file.name;
    set({ files: [...get().files, { name, text: file.text }], active: name });
    autosave(get());
  },
  close(name) {
    const files = get().files.filter((f) => f.name !== name);
    if (files.length === 0) files.push({ name: 'untitled.yaml', text: '' });
    set({ files, active: get().active === name ? files[0]!.name : get().active });
    autosave(get());
  },
  setActive(active) {
    set({ active });
    autosave(get());
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

export function openExample(ex: ExampleManifest): void {
  useWorkspace.getState().open({ name: ex.fileName, text: ex.text });
}

/** Why Apply is disabled for the active file, if it is. */
export function applyBlocker(s: WorkspaceState): string | undefined {
  const file = s.files.find((f) => f.name === s.active);
  if (!file || !file.text.trim()) return 'The file is empty.';
  const yamlError = (s.lints[file.name] ?? []).find((d) => d.source === 'yaml');
  if (yamlError) return `Fix the YAML first: line ${yamlError.line}: ${yamlError.message}`;
  return undefined;
}
