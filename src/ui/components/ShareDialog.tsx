/**
 * The share dialog: the link (already copied when it is short enough for chat apps), its length,
 * and the `.kubesim.json` file for scenarios too long for a link.
 */
import { useState } from 'react';
import { SHARE_LIMITS } from '../../scenarios/share.ts';
import { closeShare, download, useScenarioStore } from '../state/scenario.ts';

export function ShareDialog() {
  const shared = useScenarioStore((s) => s.shared);
  const [copied, setCopied] = useState(false);
  if (!shared) return null;
  const close = () => {
    setCopied(false);
    closeShare();
  };
  const copy = () =>
    void navigator.clipboard?.writeText(shared.url).then(
      () => setCopied(true),
      () => undefined,
    );
  return (
    <div className="modal-scrim" onClick={close}>
      <div className="modal share" role="dialog" aria-label="share" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h3>Share this workspace</h3>
        <p className="muted">
          The link holds the whole scenario — the cluster’s seed, your tabs and every command with its time — compressed in the part after <code>#</code>, which
          never leaves the browser. Opening it replays to this moment: the same pods, the same events.
        </p>
        <input className="share-url" readOnly value={shared.url} data-testid="share-url" aria-label="link" onFocus={(e) => e.currentTarget.select()} />
        <p data-testid="share-size" className={shared.chatFriendly ? 'good' : 'warn'}>
          {shared.url.length.toLocaleString('en')} characters —{' '}
          {shared.chatFriendly
            ? 'short enough for chat apps.'
            : `longer than the ${SHARE_LIMITS.chatFriendlyChars.toLocaleString('en')} characters chat apps reliably keep: send the file instead.`}
        </p>
        <div className="modal-actions">
          <button type="button" className="ghost" onClick={() => download(shared.fileName, shared.fileText)}>
            ⤓ Download {shared.fileName}
          </button>
          <span className="spacer" />
          <button type="button" className={shared.chatFriendly ? 'ghost' : 'primary'} onClick={copy}>
            {copied ? '✓ Copied' : 'Copy link'}
          </button>
          <button type="button" className="primary" onClick={close} autoFocus>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
