/**
 * `npm run bench [name ...]`: runs the named benchmarks (default: all headless ones) one after the
 * other, each in its own Node process so heaps and JIT state don't leak between them, and prints
 * their JSON lines. The browser benchmarks (`bench/ui.ts`) need a build and Chromium; run that one
 * by name.
 *
 * Each benchmark is first bundled with esbuild the way the app's worker is built, so the figures
 * are those of the code that ships. (Running a file through tsx instead measures its keepNames
 * transform too: every closure gets a `name` property defined at creation, which costs the engine
 * ~12% more heap and noticeable time.)
 *
 * `npm run bench -- --instructions [name ...]` counts the instructions each benchmark executes
 * instead (under valgrind, with V8 in predictable mode: one thread, garbage collection included),
 * printing `{"benchmark", "instructions"}`. On a shared machine whose speed drifts by a quarter
 * within minutes, that count repeats to within 0.1% and shows a 1% change, which wall time cannot;
 * it does not see cache misses, so confirm a change with wall time over alternating runs. Shrink
 * a benchmark through its environment variables (e.g. BENCH_PODS=2000 BENCH_NODES=200) first.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { buildSync } from 'esbuild';

const HEADLESS = ['engine', 'job', 'cronjob', 'apps', 'kubectl', 'runtime', 'scenarios'];
const instructions = process.argv.includes('--instructions');
const names = process.argv.slice(2).filter((a) => a !== '--instructions');
let failed = false;
for (const name of names.length > 0 ? names : HEADLESS) {
  // Beside the source, so that its relative URLs (bench/extensionless-hooks.mjs) still resolve.
  const bundle = `bench/.${name}.bundle.mjs`;
  buildSync({
    entryPoints: [`bench/${name}.ts`],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@ngrok/webernetes', 'playwright', '@playwright/test'],
    // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
    banner: { js: "import { createRequire as benchCreateRequire } from 'node:module'; const require = benchCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const run = instructions ? countInstructions(name, bundle) : spawnSync(process.execPath, ['--expose-gc', bundle], { stdio: 'inherit' });
  rmSync(bundle);
  if (run.status !== 0) {
    console.error(`bench/${name}.ts exited with ${run.status ?? run.signal}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);

function countInstructions(name: string, bundle: string): { status: number | null; signal?: NodeJS.Signals | null } {
  const run = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--predictable', '--expose-gc', bundle], { encoding: 'utf8' });
  if (run.error) {
    console.error(`--instructions needs valgrind (apt-get install valgrind): ${run.error.message}`);
    return { status: 1 };
  }
  const refs = /I\s+refs:\s+([\d,]+)/.exec(run.stderr ?? '');
  if (refs) console.log(JSON.stringify({ benchmark: name, instructions: Number(refs[1]!.replaceAll(',', '')) }));
  else process.stderr.write(run.stderr ?? '');
  return { status: refs ? run.status : 1 };
}
