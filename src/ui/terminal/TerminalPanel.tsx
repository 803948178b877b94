/**
 * The terminal: xterm.js with a kubectl prompt — history, tab completion from the live cluster,
 * Ctrl-C to stop `get -w`, `clear` — plus the commands UI actions ran, echoed so users learn them.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { engine } from '../state/engine.ts';
import { markBoot } from '../state/perf.ts';
import { terminalBus, type TerminalEntry } from '../state/terminalBus.ts';
import { useUiStore } from '../state/ui.ts';
import { applyCompletion, emptyLine, handleKey, type LineState } from './lineEditor.ts';

const PROMPT = '\x1b[1;32m$\x1b[0m ';
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
const HISTORY_KEY = 'kubesim.history.v1';

const THEMES = {
  dark: { background: '#0f141a', foreground: '#d8dee9', cursor: '#8fbcbb', selectionBackground: '#3b4252' },
  light: { background: '#fbfbfd', foreground: '#1f2328', cursor: '#0969da', selectionBackground: '#cfe3ff' },
};

const HELP = `kubesim terminal — a simulated Kubernetes 1.32 cluster.
  kubectl ...        kubectl against the cluster (get, describe, apply, delete, logs, label, cordon...)
  sim ...            what kubectl cannot do: sim advance 5m, sim node fail worker-2, sim pod exit POD --code 1
  clear              clear the screen (Ctrl-L)
  Tab completes, ↑/↓ browse history, Ctrl-C stops a watch (get -w).
`;

function loadHistory(): string[] {
  try {
    const h = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export default function TerminalPanel() {
  const host = useRef<HTMLDivElement>(null);
  const theme = useUiStore((s) => s.theme);
  const termRef = useRef<Terminal | undefined>(undefined);

  useEffect(() => {
    const term = new Terminal({ convertEol: true, fontSize: 13, fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace', cursorBlink: true, scrollback: 5000, theme: THEMES[useUiStore.getState().theme] });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current!);
    termRef.current = term;
    markBoot('terminal-ready');
    const resize = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        /* hidden panel: nothing to fit */
      }
    });
    resize.observe(host.current!);

    let line: LineState = emptyLine(loadHistory());
    let stream: number | undefined; // a running `get -w`
    let busy = false;
    const redraw = () => {
      if (stream !== undefined || busy) return;
      term.write(`\r\x1b[2K${PROMPT}${line.text}`);
      const back = line.text.length - line.cursor;
      if (back > 0) term.write(`\x1b[${back}D`);
    };
    const print = (chunks: { stream: 'stdout' | 'stderr'; text: string }[]) => {
      for (const c of chunks) term.write(c.stream === 'stderr' ? `${RED}${c.text}${RESET}` : c.text);
    };
    // Lines a lesson typed for the learner, run one after another once the prompt is free.
    const typed: { line: string; stdin?: string }[] = [];
    const finish = (streamId: number | undefined) => {
      busy = false;
      stream = streamId;
      redraw();
      typeNext();
    };
    const saveHistory = () => {
      try {
        localStorage.setItem(HISTORY_KEY, JSON.stringify(line.history.slice(-100)));
      } catch {
        /* no storage: history lasts for this tab */
      }
    };
    const typeNext = () => {
      if (busy || stream !== undefined) return;
      const next = typed.shift();
      if (!next) return;
      // Shown at the prompt, then submitted: the same path as pressing Enter (history included).
      line = { ...line, text: next.line, cursor: next.line.length };
      redraw();
      const r = handleKey(line, '\r');
      line = r.state;
      saveHistory();
      void run(next.line, next.stdin);
    };

    const run = async (text: string, stdin?: string) => {
      const trimmed = text.trim();
      term.write('\r\n');
      if (stdin !== undefined) term.write(`${DIM}${stdin.replace(/\n?$/, '\n')}EOF${RESET}\n`);
      if (!trimmed) return redraw();
      if (trimmed === 'clear') {
        term.clear();
        term.write('\x1b[2J\x1b[H');
        return redraw();
      }
      if (trimmed === 'help') {
        term.write(HELP);
        return redraw();
      }
      busy = true;
      try {
        const out = await engine.runQuiet(trimmed, undefined, stdin);
        print(out.chunks);
        if (out.openInEditor) term.write(`${DIM}# editing in the editor tab ${out.openInEditor.fileName}: Save applies it, Cancel drops it${RESET}\n`);
        finish(out.streamId);
      } catch (e) {
        term.write(`${RED}${e instanceof Error ? e.message : String(e)}${RESET}\n`);
        finish(undefined);
      }
    };

    const onEntry = (e: TerminalEntry) => {
      if (e.kind === 'type') {
        // A watch in the way is stopped first, as Ctrl-C would.
        if (stream !== undefined) {
          engine.stopStream(stream);
          term.write('^C\n');
          stream = undefined;
        }
        typed.push({ line: e.line, ...(e.stdin !== undefined ? { stdin: e.stdin } : {}) });
        typeNext();
        return;
      }
      if (e.kind === 'stream') {
        if (e.ended) {
          if (stream === e.streamId) finish(undefined);
          return;
        }
        term.write(e.stream === 'stderr' ? `${RED}${e.text}${RESET}` : e.text);
        return;
      }
      // An action's echo: print above the line being typed, then restore it.
      term.write('\r\x1b[2K');
      if (e.kind === 'notice') term.write(`${DIM}# ${e.text}${RESET}\n`);
      else if (e.kind === 'output') print(e.chunks);
      else {
        term.write(`${PROMPT}${e.line}\n`);
        print(e.chunks);
        if (e.streamId !== undefined) engine.stopStream(e.streamId); // actions never leave watches running
      }
      redraw();
    };
    const unsubscribe = terminalBus.subscribe(onEntry);

    term.write(`${DIM}# try: kubectl get nodes   ·   help${RESET}\n`);
    redraw();

    const data = term.onData((d) => {
      if (stream !== undefined) {
        if (d === '\x03') {
          engine.stopStream(stream);
          term.write('^C\n');
          finish(undefined);
        }
        return;
      }
      if (busy) return;
      const r = handleKey(line, d);
      line = r.state;
      switch (r.effect?.type) {
        case 'submit':
          saveHistory();
          void run(r.effect.line);
          return;
        case 'interrupt':
          term.write('^C\r\n');
          return redraw();
        case 'clearScreen':
          term.clear();
          return redraw();
        case 'complete': {
          const snapshot = line;
          void engine.complete(snapshot.text, snapshot.cursor).then((c) => {
            if (line !== snapshot) return;
            const done = applyCompletion(line, c.items, c.from);
            line = done.state;
            if (done.list) term.write(`\r\n${done.list.join('  ')}\r\n`);
            redraw();
          });
          return;
        }
        default:
          redraw();
      }
    });

    return () => {
      data.dispose();
      unsubscribe();
      resize.disconnect();
      term.dispose();
    };
  }, []);

  useEffect(() => {
    if (termRef.current) termRef.current.options.theme = THEMES[theme];
  }, [theme]);

  return (
    <section className="panel terminal-panel" aria-label="terminal">
      <header className="panel-head">
        <h2>Terminal</h2>
        <span className="muted small">kubectl · sim · help</span>
      </header>
      <div className="terminal-host" ref={host} data-testid="terminal" onClick={() => termRef.current?.focus()} />
    </section>
  );
}
