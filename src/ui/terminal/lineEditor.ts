/**
 * The terminal's line editor, as a pure state machine (tested without xterm): the line being typed,
 * the cursor, and history navigation. Keys come in as xterm's data strings.
 */

export interface LineState {
  text: string;
  cursor: number;
  history: readonly string[];
  /** Position in history while browsing (history.length = the line being typed). */
  historyIndex: number;
  /** The line being typed before history browsing started. */
  draft: string;
}

export type LineEffect = { type: 'submit'; line: string } | { type: 'complete' } | { type: 'interrupt' } | { type: 'clearScreen' } | undefined;

export const emptyLine = (history: readonly string[] = []): LineState => ({ text: '', cursor: 0, history, historyIndex: history.length, draft: '' });

const MAX_HISTORY = 200;

export function handleKey(s: LineState, data: string): { state: LineState; effect?: LineEffect } {
  switch (data) {
    case '\r': {
      const line = s.text;
      const history = line.trim() && s.history[s.history.length - 1] !== line ? [...s.history, line].slice(-MAX_HISTORY) : s.history;
      return { state: emptyLine(history), effect: { type: 'submit', line } };
    }
    case '\x7f': // Backspace
      if (s.cursor === 0) return { state: s };
      return { state: { ...s, text: s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor), cursor: s.cursor - 1 } };
    case '\x1b[3~': // Delete
      return { state: { ...s, text: s.text.slice(0, s.cursor) + s.text.slice(s.cursor + 1) } };
    case '\x1b[D':
      return { state: { ...s, cursor: Math.max(0, s.cursor - 1) } };
    case '\x1b[C':
      return { state: { ...s, cursor: Math.min(s.text.length, s.cursor + 1) } };
    case '\x1b[H':
    case '\x01':
      return { state: { ...s, cursor: 0 } };
    case '\x1b[F':
    case '\x05':
      return { state: { ...s, cursor: s.text.length } };
    case '\x15': // Ctrl-U
      return { state: { ...s, text: s.text.slice(s.cursor), cursor: 0 } };
    case '\x1b[A':
      return { state: browse(s, s.historyIndex - 1) };
    case '\x1b[B':
      return { state: browse(s, s.historyIndex + 1) };
    case '\t':
      return { state: s, effect: { type: 'complete' } };
    case '\x03':
      return { state: emptyLine(s.history), effect: { type: 'interrupt' } };
    case '\x0c':
      return { state: s, effect: { type: 'clearScreen' } };
  }
  if (data.startsWith('\x1b')) return { state: s }; // other escape sequences: ignore
  // Typed or pasted text: only the first line of a paste; control characters dropped.
  const text = [...data.split(/\r?\n|\r/)[0]!].filter((ch) => ch.charCodeAt(0) >= 0x20).join('');
  return { state: insert(s, text) };
}

export function insert(s: LineState, text: string): LineState {
  return { ...s, text: s.text.slice(0, s.cursor) + text + s.text.slice(s.cursor), cursor: s.cursor + text.length };
}

function browse(s: LineState, index: number): LineState {
  if (index < 0 || index > s.history.length) return s;
  const draft = s.historyIndex === s.history.length ? s.text : s.draft;
  const text = index === s.history.length ? draft : s.history[index]!;
  return { ...s, text, cursor: text.length, historyIndex: index, draft };
}

/** Apply a completion: replace the word at `from` with the candidates' common prefix. */
export function applyCompletion(s: LineState, items: readonly string[], from: number): { state: LineState; list?: readonly string[] } {
  if (items.length === 0) return { state: s };
  let prefix = items[0]!;
  for (const item of items) while (!item.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const word = s.text.slice(from, s.cursor);
  const replacement = items.length === 1 ? `${items[0]} ` : prefix;
  if (replacement.length <= word.length && items.length > 1) return { state: s, list: items };
  const text = s.text.slice(0, from) + replacement + s.text.slice(s.cursor);
  return { state: { ...s, text, cursor: from + replacement.length } };
}
