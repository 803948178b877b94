/**
 * UI state that is not the cluster: the selection, the graph view, theme, panel layout (persisted),
 * the error banner, the open context menu and dialog.
 */
import { create } from 'zustand';
import type { ActionDef, ActionTarget } from '../actions/actions.ts';
import { findRecord, useClusterStore } from './cluster.ts';

function chainOf(uid: string | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  const s = useClusterStore.getState();
  let r = uid ? s.records.get(uid) : undefined;
  const first = r;
  while (r && !out.has(r.uid)) {
    out.add(r.uid);
    r = r.ownerUid ? s.records.get(r.ownerUid) : undefined;
  }
  if (first?.summary.kind === 'Pod' && first.summary.nodeName) {
    const node = findRecord(s, 'Node', undefined, first.summary.nodeName);
    if (node) out.add(node.uid);
  }
  return out;
}

export type GraphView = 'ownership' | 'placement';
export type Theme = 'dark' | 'light';
export type InspectorTab = 'summary' | 'events' | 'logs' | 'yaml';
export type PanelId = 'editor' | 'inspector' | 'bottom';
/** The panels below the graph on a narrow screen. */
export const NARROW_TABS = ['editor', 'inspector', 'terminal', 'events', 'charts'] as const;
export type NarrowTab = (typeof NARROW_TABS)[number];

export interface Layout {
  editorWidth: number;
  inspectorWidth: number;
  bottomHeight: number;
  collapsed: Record<PanelId, boolean>;
}

/** A question asked before something that cannot be undone (a new cluster, time travel, replacing work). */
export interface Confirm {
  title: string;
  body: string;
  confirm: string;
  cancel?: string;
  danger?: boolean;
  resolve(ok: boolean): void;
}

export interface UiState {
  selected: string | undefined;
  /** The selection's owner chain and, for a pod, its node: highlighted in the graphs. */
  highlighted: ReadonlySet<string>;
  inspectorTab: InspectorTab;
  setInspectorTab(tab: InspectorTab): void;
  graphView: GraphView;
  theme: Theme;
  layout: Layout;
  error: string | undefined;
  /** Something the user should know that is not an error (a saved workspace that could not be restored). */
  notice: string | undefined;
  confirm: Confirm | undefined;
  menu: { x: number; y: number; target: ActionTarget } | undefined;
  dialog: { action: ActionDef; target: ActionTarget } | undefined;
  help: boolean;
  /** In learn mode, what the right column shows. */
  rightTab: 'lesson' | 'inspector';
  setRightTab(tab: 'lesson' | 'inspector'): void;
  narrowTab: NarrowTab;
  setNarrowTab(tab: NarrowTab): void;
  select(uid: string | undefined): void;
  setGraphView(view: GraphView): void;
  toggleTheme(): void;
  setLayout(patch: Partial<Layout>): void;
  toggleCollapsed(panel: PanelId): void;
  /** Bring the terminal into view (a lesson's run button typed into it): its tab on a narrow screen, else the bottom dock. */
  revealTerminal(): void;
  showError(message: string): void;
  clearError(): void;
  showNotice(message: string | undefined): void;
  /** Ask; resolves true when confirmed. A second question answers the first with false. */
  askConfirm(question: Omit<Confirm, 'resolve'>): Promise<boolean>;
  answerConfirm(ok: boolean): void;
  openMenu(x: number, y: number, target: ActionTarget): void;
  closeMenu(): void;
  openDialog(action: ActionDef, target: ActionTarget): void;
  closeDialog(): void;
  setHelp(open: boolean): void;
}

const LAYOUT_KEY = 'kubesim.layout.v1';
const THEME_KEY = 'kubesim.theme';
const DEFAULT_LAYOUT: Layout = { editorWidth: 420, inspectorWidth: 360, bottomHeight: 250, collapsed: { editor: false, inspector: false, bottom: false } };

function load<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text ? { ...fallback, ...(JSON.parse(text) as T) } : fallback;
  } catch {
    return fallback;
  }
}

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(THEME_KEY);
    if (saved === 'dark' || saved === 'light') return saved;
    return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

function save(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value));
  } catch {
    /* storage full or disabled: the layout just is not remembered */
  }
}

/** Below this width the app shows one panel at a time under the graph (tabs). */
const NARROW_QUERY = '(max-width: 900px)';
export const isNarrow = (): boolean => window.matchMedia(NARROW_QUERY).matches;
export function subscribeNarrow(onChange: () => void): () => void {
  const mq = window.matchMedia(NARROW_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

export const useUiStore = create<UiState>()((set, get) => ({
  selected: undefined,
  highlighted: new Set(),
  inspectorTab: 'summary',
  setInspectorTab: (inspectorTab) => set({ inspectorTab }),
  graphView: 'ownership',
  theme: initialTheme(),
  layout: load(LAYOUT_KEY, DEFAULT_LAYOUT),
  error: undefined,
  notice: undefined,
  confirm: undefined,
  menu: undefined,
  dialog: undefined,
  help: false,
  rightTab: 'lesson',
  setRightTab: (rightTab) => set({ rightTab }),
  narrowTab: 'editor',
  setNarrowTab: (narrowTab) => set({ narrowTab }),
  // Selecting something asks to see it: in learn mode the inspector takes the right column.
  select: (uid) => set({ selected: uid, highlighted: chainOf(uid), ...(uid ? { rightTab: 'inspector' as const } : {}) }),
  setGraphView: (graphView) => set({ graphView }),
  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    save(THEME_KEY, theme);
    set({ theme });
  },
  setLayout(patch) {
    const layout = { ...get().layout, ...patch };
    save(LAYOUT_KEY, layout);
    set({ layout });
  },
  toggleCollapsed(panel) {
    const l = get().layout;
    get().setLayout({ collapsed: { ...l.collapsed, [panel]: !l.collapsed[panel] } });
  },
  revealTerminal() {
    if (isNarrow()) get().setNarrowTab('terminal');
    else if (get().layout.collapsed.bottom) get().toggleCollapsed('bottom');
  },
  showError: (message) => set({ error: message }),
  clearError: () => set({ error: undefined }),
  showNotice: (notice) => set({ notice }),
  askConfirm(question) {
    get().confirm?.resolve(false);
    return new Promise((resolve) => set({ confirm: { ...question, resolve } }));
  },
  answerConfirm(ok) {
    const c = get().confirm;
    set({ confirm: undefined });
    c?.resolve(ok);
  },
  openMenu: (x, y, target) => set({ menu: { x, y, target } }),
  closeMenu: () => set({ menu: undefined }),
  openDialog: (action, target) => set({ dialog: { action, target }, menu: undefined }),
  closeDialog: () => set({ dialog: undefined }),
  setHelp: (help) => set({ help }),
}));
