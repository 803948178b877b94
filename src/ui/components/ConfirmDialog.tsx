/** The one question the app asks before something that cannot be undone. */
import { useUiStore } from '../state/ui.ts';

export function ConfirmDialog() {
  const confirm = useUiStore((s) => s.confirm);
  if (!confirm) return null;
  const answer = (ok: boolean) => useUiStore.getState().answerConfirm(ok);
  return (
    <div className="modal-scrim" onClick={() => answer(false)}>
      <div className="modal" role="alertdialog" aria-label={confirm.title} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && answer(false)}>
        <h3>{confirm.title}</h3>
        <p>{confirm.body}</p>
        <div className="modal-actions">
          <button type="button" className="ghost" onClick={() => answer(false)}>
            {confirm.cancel ?? 'Cancel'}
          </button>
          <button type="button" className={confirm.danger ? 'danger' : 'primary'} autoFocus onClick={() => answer(true)}>
            {confirm.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
