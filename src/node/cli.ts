/**
 * `bin/kubesim`: the engine headless in Node.
 *
 *   kubesim script FILE|- [--echo] [--seed S]   run a scenario script and print what a terminal shows
 *
 * Paths in `kubectl apply -f PATH` resolve against the script's directory, then the working directory.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { FileSource } from '../kubectl/io.ts';
import { runScript } from '../scenarios/runner.ts';
import { FlagError, parseFlags } from '../kubectl/parse.ts';

const USAGE = `Usage:
  kubesim script FILE|- [--echo] [--seed SEED]

Runs a scenario script (kubectl and sim commands, one per line) on a fresh simulated cluster.
`;

function fileSource(baseDirs: string[]): FileSource {
  const locate = (path: string): string | undefined => {
    const candidates = isAbsolute(path) ? [path] : baseDirs.map((d) => resolve(d, path));
    return candidates.find((c) => {
      try {
        statSync(c);
        return true;
      } catch {
        return false;
      }
    });
  };
  return {
    read(path) {
      const p = locate(path);
      if (!p || statSync(p).isDirectory()) return undefined;
      return readFileSync(p, 'utf8');
    },
    list(dir) {
      const p = locate(dir);
      if (!p || !statSync(p).isDirectory()) return undefined;
      return readdirSync(p).filter((f) => statSync(resolve(p, f)).isFile());
    },
  };
}

export function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseFlags(argv, [
      { name: 'echo', type: 'bool', default: false, usage: 'print each command before its output' },
      { name: 'seed', type: 'string', default: '1', usage: 'random seed' },
      { name: 'help', short: 'h', type: 'bool', default: false, usage: 'help' },
    ]);
  } catch (e) {
    if (e instanceof FlagError) {
      process.stderr.write(`kubesim: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  const [command, file] = parsed.args;
  if (parsed.flags.help || command !== 'script' || !file) {
    (parsed.flags.help ? process.stdout : process.stderr).write(USAGE);
    return parsed.flags.help ? 0 : 2;
  }
  let text: string;
  let base = process.cwd();
  try {
    if (file === '-') text = readFileSync(0, 'utf8');
    else {
      text = readFileSync(file, 'utf8');
      base = dirname(resolve(file));
    }
  } catch (e) {
    process.stderr.write(`kubesim: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  const seed = String(parsed.flags.seed);
  const result = runScript(text, { echo: Boolean(parsed.flags.echo), seed: /^\d+$/.test(seed) ? Number(seed) : seed, files: fileSource([base, process.cwd()]) });
  process.stdout.write(result.output);
  return result.exitCode;
}

process.exitCode = main(process.argv.slice(2));
