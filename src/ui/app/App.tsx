/**
 * The application shell: composes the panels and the layout; each panel owns its own state.
 * Desktop: editor | graph | inspector (or, in learn mode, the lesson) over terminal | events |
 * charts, resizable and collapsible. The route (`#/`, `#/learn`, `#/learn/<id>`, `#s=`) picks the
 * workspace (src/ui/state/scenario.ts).
 * Narrow screens: the graph first, the other panels as tabs below it (the terminal stays mounted
 * while hidden, so echoes and watches keep flowing).
 */
import { lazy, Suspense, useEffect, useSyncExternalStore } from 'react';
import { ActionDialog, ContextMenu } from '../components/ActionMenu.tsx';
import { Banner } from '../components/Banner.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ShareDialog } from '../components/ShareDialog.tsx';
import { HelpDialog } from '../components/HelpDialog.tsx';
import { Splitter } from '../components/Splitter.tsx';
import { EditorPanel } from '../editor/EditorPanel.tsx';
import { GraphPanel } from '../graph/GraphPanel.tsx';
import { preloadLessons } from '../learn/lessons.ts';
import { RightPanel } from '../learn/RightPanel.tsx';
import { whenInteractive } from '../state/perf.ts';
import { useRoute } from '../state/route.ts';
import { followRoute } from '../state/scenario.ts';
import { NARROW_TABS, type NarrowTab, type PanelId, isNarrow, subscribeNarrow, useUiStore } from '../state/ui.ts';
import { setOnEditOpened } from '../state/workspace.ts';
import { ClockBar } from '../timeline/ClockBar.tsx';
import { EventsPanel } from '../timeline/EventsPanel.tsx';
import { installShortcuts } from './shortcuts.ts';
import { TopBar } from './TopBar.tsx';

// xterm and uPlot live in their own chunks, keeping the main bundle small. The terminal is part of
// "interactive" (src/boot.ts fetches it alongside this bundle); the charts wait until the app is.
const TerminalPanel = lazy(() => import('../terminal/TerminalPanel.tsx'));
const ChartsPanel = lazy(() => whenInteractive().then(() => import('../timeline/ChartsPanel.tsx')));
const panelFallback = <section className="panel loading">Loading…</section>;

function CollapseButton({ panel, label }: { panel: PanelId; label: string }) {
  const collapsed = useUiStore((s) => s.layout.collapsed[panel]);
  return (
    <button type="button" className={`collapse collapse-${panel}`} aria-label={`${collapsed ? 'show' : 'hide'} ${label}`} title={`${collapsed ? 'Show' : 'Hide'} ${label}`} onClick={() => useUiStore.getState().toggleCollapsed(panel)}>
      {collapsed ? label : '×'}
    </button>
  );
}


const TAB_LABELS: Record<NarrowTab, string> = { editor: 'Editor', inspector: 'Inspector', terminal: 'Terminal', events: 'Events', charts: 'Charts' };

function NarrowLayout() {
  const tab = useUiStore((s) => s.narrowTab);
  const show = (t: NarrowTab) => ({ hidden: tab !== t, className: 'narrow-panel' });
  return (
    <main className="narrow">
      <div className="narrow-graph">
        <GraphPanel />
      </div>
      <nav className="narrow-tabs segmented" role="tablist" aria-label="panels">
        {NARROW_TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'on' : ''} onClick={() => useUiStore.getState().setNarrowTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </nav>
      <div {...show('editor')}>{tab === 'editor' ? <EditorPanel /> : null}</div>
      <div {...show('inspector')}>{tab === 'inspector' ? <RightPanel /> : null}</div>
      <div {...show('terminal')}>
        <Suspense fallback={panelFallback}>
          <TerminalPanel />
        </Suspense>
      </div>
      <div {...show('events')}>{tab === 'events' ? <EventsPanel /> : null}</div>
      <div {...show('charts')}>
        {tab === 'charts' ? (
          <Suspense fallback={panelFallback}>
            <ChartsPanel />
          </Suspense>
        ) : null}
      </div>
    </main>
  );
}

export function App() {
  const theme = useUiStore((s) => s.theme);
  const narrow = useSyncExternalStore(subscribeNarrow, isNarrow);
  useEffect(() => installShortcuts(), []);
  useEffect(preloadLessons, []);
  useEffect(() => {
    // The route decides the workspace: a lesson's, the playground's, a shared link opened as a copy.
    followRoute(useRoute.getState().route);
    return useRoute.subscribe((s, prev) => s.route !== prev.route && followRoute(s.route));
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    // On a narrow screen, what you act on comes into view: a selection, an edit buffer.
    setOnEditOpened(() => useUiStore.getState().setNarrowTab('editor'));
    return useUiStore.subscribe((s, prev) => {
      if (isNarrow() && s.selected && s.selected !== prev.selected && s.narrowTab !== 'inspector') s.setNarrowTab('inspector');
    });
  }, []);
  return (
    <div className={`app${narrow ? ' is-narrow' : ''}`} data-theme={theme}>
      <TopBar />
      <Banner />
      {narrow ? <NarrowLayout /> : <DesktopLayout />}
      <ClockBar />
      <ContextMenu />
      <ActionDialog />
      <HelpDialog />
      <ConfirmDialog />
      <ShareDialog />
    </div>
  );
}

function DesktopLayout() {
  const layout = useUiStore((s) => s.layout);
  const set = useUiStore((s) => s.setLayout);
  const { collapsed } = layout;
  return (
    <>
      <main
        className="workspace"
        style={{
          gridTemplateColumns: `${collapsed.editor ? '28px' : `${layout.editorWidth}px`} 6px minmax(320px, 1fr) 6px ${collapsed.inspector ? '28px' : `${layout.inspectorWidth}px`}`,
        }}
      >
        <div className={`slot${collapsed.editor ? ' collapsed' : ''}`}>
          <CollapseButton panel="editor" label="Editor" />
          {collapsed.editor ? null : <EditorPanel />}
        </div>
        <Splitter axis="x" label="resize editor" value={layout.editorWidth} min={260} max={900} onChange={(v) => set({ editorWidth: v })} />
        <GraphPanel />
        <Splitter axis="x" label="resize inspector" value={layout.inspectorWidth} min={240} max={800} invert onChange={(v) => set({ inspectorWidth: v })} />
        <div className={`slot${collapsed.inspector ? ' collapsed' : ''}`}>
          <CollapseButton panel="inspector" label="Inspector" />
          {collapsed.inspector ? null : <RightPanel />}
        </div>
      </main>
      <Splitter axis="y" label="resize bottom panels" value={layout.bottomHeight} min={120} max={700} invert onChange={(v) => set({ bottomHeight: v })} />
      <div className={`bottom-dock${collapsed.bottom ? ' collapsed' : ''}`} style={{ height: collapsed.bottom ? 28 : layout.bottomHeight }}>
        <CollapseButton panel="bottom" label="Terminal" />
        {/* The terminal stays mounted when collapsed so echoes and watches keep flowing. */}
        <div className="bottom-grid" hidden={collapsed.bottom}>
          <Suspense fallback={panelFallback}>
            <TerminalPanel />
          </Suspense>
          <EventsPanel />
          <Suspense fallback={panelFallback}>
            <ChartsPanel />
          </Suspense>
        </div>
      </div>
    </>
  );
}
