/**
 * `kubesim.dev/*` pod annotations: script a container's behaviour without changing what the
 * manifest means on a real cluster (annotations are inert there). Each takes a value for every
 * container (`"30"`) or per container (`"main=30,sidecar=5"`):
 *
 * - `kubesim.dev/run-seconds`: the container runs exactly this long (its program is stopped at the
 *   deadline, or the exit is held back until then);
 * - `kubesim.dev/exit-code`: the exit code it ends with (default: the program's, or 0 when cut off);
 * - `kubesim.dev/fail-probability`: chance (0–1) that a run fails, with `exit-code` or 1 — drawn
 *   from the container's own random stream, so runs are reproducible.
 */
import type { Pod } from '../api/objects.ts';
import { type CommandGenerator, type CommandImpl, type ExecEnv, Deferred, awaitValue } from './command.ts';

export const RUN_SECONDS = 'kubesim.dev/run-seconds';
export const EXIT_CODE = 'kubesim.dev/exit-code';
export const FAIL_PROBABILITY = 'kubesim.dev/fail-probability';

export interface Scripted {
  runMs?: number;
  exitCode?: number;
  failProbability?: number;
}

/** The value an annotation gives `container` (a bare value applies to every container). */
export function annotationFor(pod: Pod, key: string, container: string): string | undefined {
  const raw = pod.metadata.annotations?.[key];
  if (raw === undefined) return undefined;
  if (!raw.includes('=')) return raw.trim();
  for (const part of raw.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (name === container) return value;
  }
  return undefined;
}

export function scriptedBehaviour(pod: Pod, container: string): Scripted | undefined {
  const num = (key: string) => {
    const v = annotationFor(pod, key, container);
    const n = v === undefined ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const runSeconds = num(RUN_SECONDS);
  const exitCode = num(EXIT_CODE);
  const failProbability = num(FAIL_PROBABILITY);
  if (runSeconds === undefined && exitCode === undefined && failProbability === undefined) return undefined;
  return {
    ...(runSeconds !== undefined ? { runMs: Math.max(0, runSeconds * 1000) } : {}),
    ...(exitCode !== undefined ? { exitCode: Math.trunc(exitCode) & 255 } : {}),
    ...(failProbability !== undefined ? { failProbability: Math.min(1, Math.max(0, failProbability)) } : {}),
  };
}

/** Wrap a container's main command with its scripted behaviour. */
export function withScript(impl: CommandImpl, script: Scripted): CommandImpl {
  return function* (env: ExecEnv): CommandGenerator {
    const fails = script.failProbability !== undefined && env.container.rng.next() < script.failProbability;
    const finalCode = (natural: number) => (fails ? (script.exitCode ?? 1) : (script.exitCode ?? natural));
    if (script.runMs === undefined) return finalCode(yield* impl(env));
    // Run the program as a child so the deadline can cut it off.
    const job = env.container.spawnJob(() => impl({ ...env, process: undefined }));
    const deadline = new Deferred<void>();
    const timer = env.container.timer(script.runMs, () => deadline.resolve());
    const first = new Deferred<'exit' | 'deadline'>();
    job.exit.subscribe(() => first.resolve('exit'));
    deadline.subscribe(() => first.resolve('deadline'));
    const which = yield* awaitValue(env, first);
    if (which === 'deadline') {
      env.container.signal(job.pid, 'KILL');
      return finalCode(0);
    }
    const natural = job.exit.result ?? 0;
    if (!deadline.done) yield* awaitValue(env, deadline);
    timer();
    return finalCode(natural);
  };
}
