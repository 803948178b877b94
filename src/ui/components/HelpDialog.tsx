/** Keyboard shortcuts and a one-paragraph orientation (`?`). */
import { useUiStore } from '../state/ui.ts';

const SHORTCUTS: [string, string][] = [
  ['Ctrl/Cmd + Enter', 'apply the active file'],
  ['Space', 'play / pause the clock'],
  ['.', 'jump to the next event'],
  ['/', 'focus the terminal'],
  ['g', 'switch Ownership / Placement'],
  ['Esc', 'close menus, clear the selection'],
  ['?', 'this help'],
];

export function HelpDialog() {
  const open = useUiStore((s) => s.help);
  if (!open) return null;
  const close = () => useUiStore.getState().setHelp(false);
  return (
    <div className="modal-scrim" onClick={close}>
      <div className="modal" role="dialog" aria-label="help" onClick={(e) => e.stopPropagation()}>
        <h3>kubesim</h3>
        <p>
          A Kubernetes 1.32 cluster simulated in this tab on a virtual clock. Edit manifests and apply them, watch the controllers react in the
          graph, right-click anything for actions — each one shows the kubectl command it ran in the terminal.
        </p>
        <table className="shortcuts">
          <tbody>
            {SHORTCUTS.map(([k, v]) => (
              <tr key={k}>
                <td>
                  <kbd>{k}</kbd>
                </td>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button type="button" className="primary" onClick={close} autoFocus>
            Got it
          </button>
        </div>
      </div>
    </div>
  );
}
