/** The application shell: composes the panels and the layout; each panel owns its own state. */
import { lazy, Suspense, useEffect } from 'react';
import { ActionDialog, ContextMenu } from '../components/ActionMenu.tsx';
import { Banner } from '../components/Banner.tsx';
import { HelpDialog } from '../components/HelpDialog.tsx';
import { Splitter } from '../components/Splitter.tsx';
import { EditorPanel } from '../editor/EditorPanel.tsx';
import { GraphPanel } from '../graph/GraphPanel.tsx';
import { InspectorPanel } from '../inspector/InspectorPanel.tsx';
import { whenInteractive } from '../state/perf.ts';
import { type PanelId, useUiStore } from '../state/ui.ts';
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

export function App() {
  const theme = useUiStore((s) => s.theme);
  const layout = useUiStore((s) => s.layout);
  const set = useUiStore((s) => s.setLayout);
  useEffect(() => installShortcuts(), []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const { collapsed } = layout;
  return (
    <div className="app" data-theme={theme}>
      <TopBar />
      <Banner />
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
          {collapsed.inspector ? null : <InspectorPanel />}
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
      <ClockBar />
      <ContextMenu />
      <ActionDialog />
      <HelpDialog />
    </div>
  );
}
