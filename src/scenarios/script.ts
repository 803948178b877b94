/**
 * Scenario scripts: the text format tests, tutorials, docs and demos share. One command per line —
 * `kubectl ...` or `sim ...` — with blank lines and `#` comments skipped, an optional leading `$ `,
 * shell quoting, and `<<EOF ... EOF` heredocs as the command's stdin. Output is exactly what a
 * terminal would show; with `echo`, each command is printed first as `$ <command>`.
 */
import { splitCommandLine } from '../kubectl/parse.ts';

export interface ScriptLine {
  /** 1-based line number of the command in the script. */
  line: number;
  /** The command as written (without `$ ` and without the heredoc body). */
  text: string;
  words: string[];
  stdin?: string;
  /** The heredoc's end word, when the command had one. */
  heredocEnd?: string;
}

export class ScriptSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const HEREDOC = /<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2\s*$/;

/** Split a script into commands. Throws ScriptSyntaxError for unbalanced quotes or heredocs. */
export function parseScript(text: string): ScriptLine[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: ScriptLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    if (raw.startsWith('$ ')) raw = raw.slice(2).trim();
    const lineNo = i + 1;
    // Backslash-newline continuation.
    while (raw.endsWith('\\') && i + 1 < lines.length) raw = `${raw.slice(0, -1)} ${lines[++i]!.trim()}`;
    let stdin: string | undefined;
    const here = HEREDOC.exec(raw);
    if (here) {
      raw = raw.slice(0, here.index).trim() + ` <<${here[3]}`;
      const end = here[3]!;
      const body: string[] = [];
      let closed = false;
      while (++i < lines.length) {
        const l = lines[i]!;
        if ((here[1] ? l.trim() : l) === end || l.trim() === end) {
          closed = true;
          break;
        }
        body.push(here[1] ? l.replace(/^\t+/, '') : l);
      }
      if (!closed) throw new ScriptSyntaxError(lineNo, `here-document delimited by end-of-file (wanted \`${end}')`);
      stdin = `${body.join('\n')}\n`;
    }
    const words = splitCommandLine(here ? raw.slice(0, raw.lastIndexOf('<<')) : raw);
    if (words instanceof Error) throw new ScriptSyntaxError(lineNo, words.message);
    out.push({ line: lineNo, text: raw, words, ...(stdin !== undefined ? { stdin, heredocEnd: here![3]! } : {}) });
  }
  return out;
}
