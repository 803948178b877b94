/**
 * The top bar: name, Playground | Learn, what is open (the lesson, a shared scenario's title), and
 * the workspace's actions: a new cluster (or restarting the lesson), share, export / import, theme,
 * help.
 */
import { useRef, useState } from 'react';
import { SCENARIO_FILE_EXTENSION } from '../../scenarios/share.ts';
import { useLessons } from '../learn/lessons.ts';
import { navigate, useRoute } from '../state/route.ts';
import { exportWorkspace, importWorkspace, newCluster, shareWorkspace, useScenarioStore } from '../state/scenario.ts';
import { useUiStore } from '../state/ui.ts';

function FileMenu() {
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <span className="file-menu">
      <button type="button" className="ghost" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Export or import a .kubesim.json file">
        File ▾
      </button>
      {open ? (
        <div className="dropdown right" role="menu" onMouseLeave={() => setOpen(false)}>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              void exportWorkspace();
            }}
          >
            Export {SCENARIO_FILE_EXTENSION}
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              input.current?.click();
            }}
          >
            Import {SCENARIO_FILE_EXTENSION}…
          </button>
        </div>
      ) : null}
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importWorkspace(file);
        }}
      />
    </span>
  );
}

function Where() {
  const slot = useScenarioStore((s) => s.slot);
  const title = useScenarioStore((s) => s.scenario?.title);
  const lang = useScenarioStore((s) => s.lang);
  const lessons = useLessons(slot.kind === 'lesson');
  const lesson = slot.kind === 'lesson' ? lessons?.find((l) => l.id === slot.id) : undefined;
  if (lesson) {
    return (
      <span className="where-title" data-testid="where">
        Lesson {lesson.number}: {lesson.title[lang]}
      </span>
    );
  }
  // While the lessons' chunk loads (a moment, on a visit that starts in a lesson): no tagline flash.
  if (slot.kind === 'lesson' && !lessons) return <span className="where-title" data-testid="where" />;
  if (title) return <span className="where-title">{title}</span>;
  return <span className="tagline muted">A Kubernetes 1.32 cluster in your tab — apply the Job on the left, or right-click a node.</span>;
}

export function TopBar() {
  const theme = useUiStore((s) => s.theme);
  const route = useRoute((s) => s.route);
  const learning = route.page === 'learn' || route.page === 'lesson';
  const inLesson = useScenarioStore((s) => s.slot.kind === 'lesson');
  const opening = useScenarioStore((s) => s.opening);
  return (
    <header className="top-bar">
      <span className="logo">
        <b>kube</b>sim
      </span>
      <nav className="segmented mode" aria-label="mode">
        <button type="button" className={learning ? '' : 'on'} aria-current={learning ? undefined : 'page'} onClick={() => navigate({ page: 'playground' })}>
          Playground
        </button>
        <button type="button" className={learning ? 'on' : ''} aria-current={learning ? 'page' : undefined} onClick={() => navigate({ page: 'learn' })}>
          Learn
        </button>
      </nav>
      <Where />
      <span className="spacer" />
      {opening ? <span className="muted small" data-testid="opening">replaying…</span> : null}
      <button type="button" className="ghost" disabled={opening} title={inLesson ? 'Start this lesson over' : 'A fresh cluster (1 control-plane node, 3 workers)'} onClick={() => void newCluster()}>
        ⟲ {inLesson ? 'Restart lesson' : 'New cluster'}
      </button>
      <button type="button" className="ghost" disabled={opening} title="A link that replays this workspace" onClick={() => void shareWorkspace()}>
        ⤴ Share
      </button>
      <FileMenu />
      <button type="button" className="ghost" aria-label="toggle theme" title="Light / dark" onClick={() => useUiStore.getState().toggleTheme()}>
        {theme === 'dark' ? '☀' : '☾'}
      </button>
      <button type="button" className="ghost" aria-label="help" title="Shortcuts (?)" onClick={() => useUiStore.getState().setHelp(true)}>
        ?
      </button>
    </header>
  );
}
