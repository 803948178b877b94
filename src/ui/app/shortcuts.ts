/** Global keyboard shortcuts (ignored while typing in an input, the editor or the terminal). */
import { useClusterStore } from '../state/cluster.ts';
import { engine } from '../state/engine.ts';
import { useUiStore } from '../state/ui.ts';
import { useWorkspace } from '../state/workspace.ts';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest('.monaco-editor, .xterm');
}

export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void useWorkspace.getState().apply();
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    const ui = useUiStore.getState();
    // Like the clock bar's buttons, the clock keys wait for the worker's first snapshot.
    const cluster = useClusterStore.getState();
    switch (e.key) {
      case ' ':
        e.preventDefault();
        if (cluster.ready) engine.setPlaying(!cluster.clock.playing);
        return;
      case '.':
        if (cluster.ready) void engine.stepToNextEvent();
        return;
      case '/':
        e.preventDefault();
        focusTerminal();
        return;
      case '?':
        ui.setHelp(!ui.help);
        return;
      case 'g':
        ui.setGraphView(ui.graphView === 'ownership' ? 'placement' : 'ownership');
        return;
      case 'Escape':
        ui.closeMenu();
        ui.setHelp(false);
        ui.select(undefined);
        return;
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/** Focus the terminal (the `/` shortcut). */
function focusTerminal(): void {
  (document.querySelector('.terminal-host .xterm-helper-textarea') as HTMLTextAreaElement | null)?.focus();
}
