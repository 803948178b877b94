/**
 * The engine core's built-in program model: enough to run Jobs and long-running pods before the
 * full shell and image catalog exist. It understands `sleep N`, `echo ...`, `exit N`, `true`,
 * `false`, and `sh -c` / `bash -c` scripts that chain those with `;`, `&&` and `||`. A container
 * with no command runs until stopped. Every image exists except names that say they do not.
 */
import type { ContainerLaunch, ContainerRuntime, PullResult } from './runtime.ts';
import { imageDigest } from './runtime.ts';
import type { Program, ProcessContext, ProgramGenerator, Syscall } from './process.ts';
import { forever } from './process.ts';
import type { Rng } from '../random/rng.ts';

type Step = { argv: string[]; join: ';' | '&&' | '||' };

function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

function parseScript(script: string): Step[] {
  const steps: Step[] = [];
  let join: Step['join'] = ';';
  for (const part of script.split(/(;|&&|\|\||\n)/)) {
    const p = part.trim();
    if (p === ';' || p === '\n' || p === '') {
      if (p !== '') join = ';';
      continue;
    }
    if (p === '&&' || p === '||') {
      join = p;
      continue;
    }
    steps.push({ argv: splitWords(p), join });
    join = ';';
  }
  return steps;
}

function* runArgv(argv: string[], ctx: ProcessContext): Generator<Syscall, number, unknown> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case undefined:
      return 0;
    case 'sleep': {
      const secs = parseFloat(args[0] ?? '0');
      if (args[0] === 'infinity') {
        yield* forever();
        return 0;
      }
      yield { op: 'sleep', ms: Number.isFinite(secs) ? secs * 1000 : 0 };
      return 0;
    }
    case 'echo':
      ctx.stdout(`${args.join(' ')}\n`);
      return 0;
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'exit':
      return parseInt(args[0] ?? '0', 10) || 0;
    case 'sh':
    case 'bash':
    case '/bin/sh':
    case '/bin/bash':
      if (args[0] === '-c') return yield* runScript(args[1] ?? '', ctx);
      return 0;
    default:
      ctx.stderr(`sh: ${cmd}: not found\n`);
      return 127;
  }
}

function* runScript(script: string, ctx: ProcessContext): ProgramGenerator {
  let status = 0;
  for (const step of parseScript(script)) {
    if (step.join === '&&' && status !== 0) continue;
    if (step.join === '||' && status === 0) continue;
    if (step.argv[0] === 'exit') return parseInt(step.argv[1] ?? String(status), 10) || 0;
    status = yield* runArgv(step.argv, ctx);
  }
  return status;
}

export const basicRuntime: ContainerRuntime = {
  pull(image: string, _node: string, rng: Rng): PullResult {
    if (/non-?exist|does-?not-?exist|invalid-image/i.test(image)) {
      return {
        ok: false,
        pullMs: 500 + rng.int(1000),
        message: `failed to pull and unpack image "${image}": failed to resolve reference "${image}": pull access denied, repository does not exist or may require authorization`,
      };
    }
    return { ok: true, sizeBytes: 4_000_000, digest: imageDigest(image), pullMs: 800 + rng.int(1500) };
  },
  program(launch: ContainerLaunch): Program {
    const argv = [...(launch.container.command ?? []), ...(launch.container.args ?? [])];
    if (argv.length === 0) return () => foreverProgram();
    return (ctx) => runArgv(argv, ctx) as ProgramGenerator;
  },
};

function* foreverProgram(): ProgramGenerator {
  yield* forever();
  return 0;
}
