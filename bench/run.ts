/**
 * `npm run bench [name ...]`: runs the named benchmarks (default: all headless ones) one after the
 * other, each in its own Node process so heaps and JIT state don't leak between them, and prints
 * their JSON lines. The browser benchmarks (`bench/ui.ts`) need a build and Chromium; run that one
 * by name.
 */
import { spawnSync } from 'node:child_process';

const HEADLESS = ['engine', 'job', 'cronjob', 'apps', 'kubectl', 'runtime', 'scenarios'];
const names = process.argv.slice(2);
let failed = false;
for (const name of names.length > 0 ? names : HEADLESS) {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${name}.ts`], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench/${name}.ts exited with ${run.status ?? run.signal}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
