/**
 * Shared plumbing for the browser benchmarks: serve the production build (`vite preview` on its own
 * port, so it never meets the e2e server), launch Debian's chromium through Playwright with the same
 * offline flags as the e2e suite, and summarise samples. Build first: `npx vite build`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from '@playwright/test';

export const BENCH_PORT = 4179;
const BASE_URL = `http://127.0.0.1:${BENCH_PORT}`;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

export interface Harness {
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the preview server did not answer at ${url}`);
}

function stop(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGTERM'); // the whole group: node + vite
  } catch {
    /* already gone */
  }
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync('dist/index.html')) throw new Error('no build found: run `npx vite build` first');
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(BENCH_PORT), '--strictPort'], {
    detached: true,
    stdio: 'ignore',
  });
  process.on('exit', () => stop(server));
  await waitForServer(BASE_URL, 30_000);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  return {
    browser,
    url: BASE_URL,
    async close() {
      await browser.close();
      stop(server);
    },
  };
}

/** A fresh page (its own context: empty cache and storage) at the desktop size the e2e suite uses. */
export async function freshPage(h: Harness): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx compiles this file with esbuild's keepNames, which wraps the functions we pass to
  // page.evaluate in a `__name(...)` helper that does not exist in the page.
  await context.addInitScript('globalThis.__name = (f) => f;');
  return context.newPage();
}

/** Open the app and wait until it is interactive (see src/ui/state/perf.ts). */
export async function openInteractive(page: Page, url: string, search = ''): Promise<void> {
  await page.goto(`${url}/${search}`);
  await page.waitForFunction(() => performance.getEntriesByName('kubesim:interactive', 'mark').length > 0, undefined, { timeout: 60_000 });
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: round(sorted[0] ?? NaN),
    median: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Runs `fn` with a harness and prints its result as JSON. */
export async function runBench(name: string, fn: (h: Harness) => Promise<unknown>): Promise<void> {
  const h = await startHarness();
  try {
    const result = await fn(h);
    console.log(JSON.stringify({ bench: name, chromium: h.browser.version(), ...(result as object) }, null, 2));
  } finally {
    await h.close();
  }
}
