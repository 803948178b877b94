/** Worker errors: shown over the last good state, with "reset cluster". */
import { engine } from '../state/engine.ts';
import { useUiStore } from '../state/ui.ts';

export function Banner() {
  const error = useUiStore((s) => s.error);
  if (!error) return null;
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
