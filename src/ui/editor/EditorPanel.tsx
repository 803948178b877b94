/**
 * The editor panel: file tabs (+ examples), the lazily loaded Monaco editor, Apply / Delete, and a
 * list of the active file's problems. Apply explains itself when it is disabled.
 */
import { lazy, Suspense, useState } from 'react';
import { EXAMPLES } from '../../scenarios/playground.ts';
import { whenInteractive } from '../state/perf.ts';
import { useScenarioStore } from '../state/scenario.ts';
import { applyBlocker, openExample, useWorkspace } from '../state/workspace.ts';

// Monaco is the heaviest chunk by far: it loads once the cluster, graph and terminal are up.
const MonacoEditor = lazy(() => whenInteractive().then(() => import('./MonacoEditor.tsx')));

/** The active file as plain text while Monaco loads. */
function EditorPlaceholder() {
  const text = useWorkspace((s) => s.files.find((f) => f.name === s.active)?.text ?? '');
  return (
    <pre className="editor-placeholder" aria-busy="true">
      {text}
    </pre>
  );
}

function Tabs() {
  const files = useWorkspace((s) => s.files);
  const active = useWorkspace((s) => s.active);
  const [menu, setMenu] = useState(false);
  return (
    <div className="tabs" role="tablist">
      {files.map((f) => (
        <div key={f.name} className={`tab${f.name === active ? ' on' : ''}`} role="tab" aria-selected={f.name === active}>
          <button type="button" className="tab-name" title={f.edit ? `kubectl edit buffer: ${f.name}` : f.name} onClick={() => useWorkspace.getState().setActive(f.name)}>
            {f.edit ? <span className="tab-edit">✎ </span> : null}
            {f.name}
          </button>
          <button type="button" className="tab-close" aria-label={`close ${f.name}`} onClick={() => useWorkspace.getState().close(f.name)}>
            ×
          </button>
        </div>
      ))}
      <div className="tab-add">
        <button type="button" aria-label="new file from an example" title="New file from an example" onClick={() => setMenu(!menu)}>
          +
        </button>
        {menu ? (
          <div className="dropdown" onMouseLeave={() => setMenu(false)}>
            {EXAMPLES.map((ex) => (
              <button
                key={ex.fileName}
                type="button"
                onClick={() => {
                  openExample(ex);
                  setMenu(false);
                }}
              >
                {ex.title}
              </button>
            ))}
            <button
              type="button"
              onClick={() => {
                useWorkspace.getState().open({ name: 'untitled.yaml', text: '' });
                setMenu(false);
              }}
            >
              Empty file
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Problems() {
  const lints = useWorkspace((s) => s.lints[s.active]);
  const apiErrors = useWorkspace((s) => s.apiErrors[s.active]);
  const all = [...(apiErrors ?? []), ...(lints ?? [])];
  if (all.length === 0) return null;
  return (
    <ul className="problems" data-testid="problems">
      {all.map((d, i) => (
        <li key={i} className={`sev-${d.severity}`}>
          <span className="where">{d.line}</span>
          <span>{d.message}</span>
        </li>
      ))}
    </ul>
  );
}

function EditActions({ blocker, busy }: { blocker: string | undefined; busy: boolean }) {
  return (
    <footer className="editor-actions editing" data-testid="edit-actions">
      <button type="button" className="primary" disabled={!!blocker || busy} title={blocker ?? 'Hand the buffer back to kubectl edit (Ctrl+Enter)'} onClick={() => void useWorkspace.getState().finishEdit()}>
        ✔ Save edit
      </button>
      <button type="button" className="ghost" disabled={busy} title="Close without changes (Edit cancelled)" onClick={() => void useWorkspace.getState().finishEdit(true)}>
        Cancel
      </button>
      <span className="muted small">{blocker ?? 'kubectl edit: saving applies your changes to the live object'}</span>
    </footer>
  );
}

export function EditorPanel() {
  const blocker = useWorkspace(applyBlocker);
  const busy = useWorkspace((s) => s.busy);
  const editing = useWorkspace((s) => s.files.some((f) => f.name === s.active && f.edit !== undefined));
  const empty = useWorkspace((s) => s.files.length === 0);
  const learning = useScenarioStore((s) => s.slot.kind === 'lesson');
  return (
    <section className="panel editor-panel" aria-label="editor">
      <header className="panel-head">
        <h2>Editor</h2>
      </header>
      <Tabs />
      <div className="editor-body">
        <Suspense fallback={<EditorPlaceholder />}>
          <MonacoEditor />
        </Suspense>
        {empty ? (
          <div className="editor-empty muted" data-testid="editor-empty">
            No file is open. Start one from an example with <b>+</b>{learning ? ', or load the lesson’s manifest.' : '.'}
          </div>
        ) : null}
      </div>
      <Problems />
      {editing ? (
        <EditActions blocker={blocker} busy={busy} />
      ) : (
      <footer className="editor-actions">
        <button type="button" className="primary glow" disabled={!!blocker || busy} title={blocker ?? 'kubectl apply -f (Ctrl+Enter)'} onClick={() => void useWorkspace.getState().apply()}>
          ▶ Apply
        </button>
        <button type="button" className="danger-ghost" disabled={!!blocker || busy} title={blocker ?? 'kubectl delete -f'} onClick={() => void useWorkspace.getState().remove()}>
          ✕ Delete
        </button>
        {blocker ? <span className="muted small">{blocker}</span> : <span className="muted small">Ctrl+Enter applies</span>}
      </footer>
      )}
    </section>
  );
}
