/** The top bar: name, invitation, reset, theme, help. */
import { engine } from '../state/engine.ts';
import { useUiStore } from '../state/ui.ts';

export function TopBar() {
  const theme = useUiStore((s) => s.theme);
  return (
    <header className="top-bar">
      <span className="logo">
        <b>kube</b>sim
      </span>
      <span className="tagline muted">A Kubernetes 1.32 cluster in your tab — apply the Job on the left, or right-click a node.</span>
      <span className="spacer" />
      <button type="button" className="ghost" title="A fresh cluster (1 control-plane node, 3 workers)" onClick={() => void engine.reset()}>
        ⟲ reset
      </button>
      <button type="button" className="ghost" aria-label="toggle theme" title="Light / dark" onClick={() => useUiStore.getState().toggleTheme()}>
        {theme === 'dark' ? '☀' : '☾'}
      </button>
      <button type="button" className="ghost" aria-label="help" title="Shortcuts (?)" onClick={() => useUiStore.getState().setHelp(true)}>
        ?
      </button>
    </header>
  );
}
