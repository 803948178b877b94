/**
 * `sh` and `bash` as programs: `-c SCRIPT [NAME [ARGS...]]`, a script file, or commands read from
 * standard input, with `-e`, `-u`, `-x`, `-o pipefail`. A syntax error exits 2 with the dialect's
 * message, before anything runs.
 */
import type { CommandImpl } from '../command.ts';
import { parseScript } from '../shell/parser.ts';
import { ShellSyntaxError } from '../shell/lexer.ts';
import { type Flavour, Shell } from '../shell/interpreter.ts';
import { failed } from '../fs.ts';
import { waitForever } from '../command.ts';
import { memoByString } from '../../api/memo.ts';
import { deepFreeze } from '../../api/objects.ts';

/**
 * `sh -c TEXT` scripts, parsed once per text: every pod of a DaemonSet or Job runs the same one.
 * Shells share the syntax tree, frozen so that none can change it for the others.
 */
const parsedScript = memoByString((text) => deepFreeze(parseScript(text)), 256);

export function shellCommand(flavour: Flavour): CommandImpl {
  return function* (env) {
    const argv = env.argv;
    const name = argv[0] ?? 'sh';
    const flags = new Set<string>();
    const longOpts: string[] = [];
    let i = 1;
    let command: string | undefined;
    let readCommand = false;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') {
        i++;
        break;
      }
      if (a === '-o' || a === '+o') {
        if (argv[i + 1] !== undefined) longOpts.push(argv[++i]!);
        continue;
      }
      if (a.startsWith('--')) continue; // --login, --noprofile, --norc
      if (!/^[-+][a-zA-Z]+$/.test(a)) break;
      for (const f of a.slice(1)) {
        if (f === 'c') readCommand = true;
        else flags.add(f);
      }
    }
    let arg0 = name;
    let text: string;
    if (readCommand) {
      command = argv[i++];
      if (command === undefined) {
        env.io.err(`${name}: -c: option requires an argument\n`);
        return 2;
      }
      text = command;
      if (argv[i] !== undefined) arg0 = argv[i++]!;
    } else if (argv[i] !== undefined && !flags.has('s')) {
      const file = argv[i++]!;
      const content = env.container.fs.read(env.container.fs.stat(file) ? file : `${env.cwd}/${file}`);
      if (failed(content)) {
        env.io.err(flavour === 'bash' ? `${name}: ${file}: No such file or directory\n` : flavour === 'dash' ? `${name}: 0: cannot open ${file}: No such file\n` : `${name}: can't open '${file}': No such file or directory\n`);
        return 127;
      }
      text = content;
      arg0 = file;
    } else {
      // An interactive shell on a held-open stdin waits for input that never comes.
      if (env.io.stdin.open && env.io.stdin.eof) return yield* waitForever();
      text = env.io.stdin.readAll();
    }
    const shell = new Shell(flavour, arg0, argv.slice(i), env);
    shell.options.errexit = flags.has('e');
    shell.options.nounset = flags.has('u');
    shell.options.xtrace = flags.has('x');
    shell.options.noglob = flags.has('f');
    shell.options.pipefail = longOpts.includes('pipefail');
    if (longOpts.includes('errexit')) shell.options.errexit = true;
    if (longOpts.includes('nounset')) shell.options.nounset = true;
    let script;
    try {
      script = parsedScript(text);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        env.io.err(shell.syntaxErrorMessage(e));
        return 2;
      }
      throw e;
    }
    return yield* shell.main(script);
  };
}
