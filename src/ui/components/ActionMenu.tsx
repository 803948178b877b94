/**
 * The context menu for graph items and the action dialog (fields, confirmation for destructive
 * actions, the command it will run). Running an action echoes its command in the terminal.
 */
import { useEffect, useState } from 'react';
import { type ActionDef, type ActionTarget, type FieldValues, actionsFor, defaults } from '../actions/actions.ts';
import { engine } from '../state/engine.ts';
import { useUiStore } from '../state/ui.ts';

/** Run an action now, or open its dialog when it has fields or needs confirming. */
export function runAction(action: ActionDef, target: ActionTarget): void {
  const ui = useUiStore.getState();
  ui.closeMenu();
  if (action.fields || action.danger) return ui.openDialog(action, target);
  execute(action, target, {});
}

function execute(action: ActionDef, target: ActionTarget, values: FieldValues): void {
  const ui = useUiStore.getState();
  if (action.opens === 'logs') {
    ui.select(target.uid);
    ui.setInspectorTab('logs');
  }
  void engine.run(action.command(target, values));
}

export function ContextMenu() {
  const menu = useUiStore((s) => s.menu);
  useEffect(() => {
    if (!menu) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && useUiStore.getState().closeMenu();
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [menu]);
  if (!menu) return null;
  const { target } = menu;
  return (
    <>
      <div className="menu-scrim" onClick={() => useUiStore.getState().closeMenu()} onContextMenu={(e) => (e.preventDefault(), useUiStore.getState().closeMenu())} />
      <div className="context-menu" role="menu" style={{ left: Math.min(menu.x, window.innerWidth - 240), top: Math.min(menu.y, window.innerHeight - 320) }}>
        <div className="menu-title">
          {target.kind.toLowerCase()}/{target.name}
        </div>
        {actionsFor(target).map((a) => (
          <button key={a.id} type="button" role="menuitem" className={a.danger ? 'danger' : ''} onClick={() => runAction(a, target)}>
            {a.label}
          </button>
        ))}
        <button
          type="button"
          role="menuitem"
          onClick={() => {
            useUiStore.getState().select(target.uid);
            useUiStore.getState().closeMenu();
          }}
        >
          Inspect
        </button>
      </div>
    </>
  );
}

export function ActionDialog() {
  const dialog = useUiStore((s) => s.dialog);
  const [values, setValues] = useState<FieldValues>({});
  useEffect(() => {
    if (dialog) setValues(defaults(dialog.action.fields?.(dialog.target) ?? []));
  }, [dialog]);
  if (!dialog) return null;
  const { action, target } = dialog;
  const fields = action.fields?.(target) ?? [];
  const missing = fields.some((f) => f.type === 'text' && f.required && !String(values[f.name] ?? '').trim());
  const command = missing ? '' : action.command(target, { ...defaults(fields), ...values });
  const close = () => useUiStore.getState().closeDialog();
  const submit = () => {
    if (missing) return;
    close();
    execute(action, target, { ...defaults(fields), ...values });
  };
  return (
    <div className="modal-scrim" onClick={close}>
      <form
        className="modal"
        role="dialog"
        aria-label={action.label}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && close()}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h3>
          {action.label.replace('…', '')} <span className="muted">{target.kind.toLowerCase()}/{target.name}</span>
        </h3>
        {action.description ? <p>{action.description(target)}</p> : null}
        {fields.map((f, i) => (
          <label key={f.name} className={`field field-${f.type}`}>
            {f.type === 'bool' ? (
              <>
                <input type="checkbox" name={f.name} checked={Boolean(values[f.name])} onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })} />
                <span>
                  <code>{f.label}</code> {f.help ? <span className="muted">{f.help}</span> : null}
                </span>
              </>
            ) : (
              <>
                <span>{f.label}</span>
                {f.type === 'select' ? (
                  <select name={f.name} value={String(values[f.name] ?? f.default)} onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}>
                    {f.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    name={f.name}
                    autoFocus={i === 0}
                    type={f.type === 'number' ? 'number' : 'text'}
                    placeholder={f.type === 'text' ? f.placeholder : undefined}
                    value={String(values[f.name] ?? '')}
                    onChange={(e) => setValues({ ...values, [f.name]: f.type === 'number' ? Number(e.target.value) : e.target.value })}
                  />
                )}
              </>
            )}
          </label>
        ))}
        <pre className="command-preview" data-testid="command-preview">
          {command ? `$ ${command}` : 'Fill in the required fields.'}
        </pre>
        <div className="modal-actions">
          <button type="button" className="ghost" onClick={close}>
            Cancel
          </button>
          <button type="submit" className={action.danger ? 'danger' : 'primary'} disabled={missing} autoFocus={fields.length === 0}>
            {action.danger ? `${action.label.replace('…', '')}` : 'Run'}
          </button>
        </div>
      </form>
    </div>
  );
}
