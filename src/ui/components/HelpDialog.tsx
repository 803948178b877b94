/** The help overlay (`?`): keyboard shortcuts, what the mouse does, and a one-paragraph orientation. */
import { useUiStore } from '../state/ui.ts';

const KEYS: [string, string][] = [
  ['Ctrl/Cmd + Enter', 'apply the active file (or save a kubectl edit)'],
  ['Space', 'play / pause the clock'],
  ['.', 'jump to the next event'],
  ['/', 'focus the terminal'],
  ['g', 'switch Ownership / Placement'],
  ['Esc', 'close menus and dialogs, clear the selection'],
  ['?', 'show / hide this help'],
];

const MOUSE: [string, string][] = [
  ['click', 'select a card, a pod or a node: the inspector shows it, its owners light up'],
  ['right-click', 'its actions — each one echoes the kubectl command it ran'],
  ['drag a label chip', 'onto a node to label it (kubectl label node)'],
  ['wheel / drag', 'zoom and pan the graph'],
];

const TERMINAL: [string, string][] = [
  ['Tab', 'complete commands, flags, types and names'],
  ['↑ / ↓', 'history'],
  ['Ctrl-C', 'stop a watch (get -w, logs -f)'],
  ['Ctrl-L, clear', 'clear the screen'],
];

function Table({ rows }: { rows: [string, string][] }) {
  return (
    <table className="shortcuts">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <td>
              <kbd>{k}</kbd>
            </td>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HelpDialog() {
  const open = useUiStore((s) => s.help);
  if (!open) return null;
  const close = () => useUiStore.getState().setHelp(false);
  return (
    <div className="modal-scrim" onClick={close}>
      <div className="modal help" role="dialog" aria-label="help" onClick={(e) => e.stopPropagation()}>
        <h3>kubesim</h3>
        <p>
          A Kubernetes 1.32 cluster simulated in this tab on a virtual clock. Edit manifests and apply them, watch the controllers react in the graph, and act
          on anything — every action shows the kubectl command it ran in the terminal, so you learn it as you go.
        </p>
        <div className="help-grid">
          <div>
            <h4>Keyboard</h4>
            <Table rows={KEYS} />
          </div>
          <div>
            <h4>Mouse</h4>
            <Table rows={MOUSE} />
            <h4>Terminal</h4>
            <Table rows={TERMINAL} />
          </div>
        </div>
        <div className="modal-actions">
          <button type="button" className="primary" onClick={close} autoFocus>
            Got it
          </button>
        </div>
      </div>
    </div>
  );
}
