/**
 * Worker errors, shown over the last good state with "reset cluster"; and notices, things worth
 * knowing that are not errors (a saved workspace that could not be restored).
 */
import { engine } from '../state/engine.ts';
import { useUiStore } from '../state/ui.ts';

export function Banner() {
  const error = useUiStore((s) => s.error);
  const notice = useUiStore((s) => s.notice);
  if (!error) {
    if (!notice) return null;
    return (
      <div className="banner notice" role="status" data-testid="notice-banner">
        <span>ℹ {notice}</span>
        <span className="spacer" />
        <button type="button" className="ghost" aria-label="dismiss" onClick={() => useUiStore.getState().showNotice(undefined)}>
          ×
        </button>
      </div>
    );
  }
  return (
    <div className="banner" role="alert" data-testid="error-banner">
      <span>⚠ {error}</span>
      <span className="spacer" />
      <button type="button" className="ghost" onClick={() => void engine.reset()}>
        ⟲ reset cluster
      </button>
      <button type="button" className="ghost" aria-label="dismiss" onClick={() => useUiStore.getState().clearError()}>
        ×
      </button>
    </div>
  );
}
