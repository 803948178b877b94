/**
 * The Deployment scale-out of bench/apps.ts on Webernetes 0.3.5 (@ngrok/webernetes), a Kubernetes
 * port that runs in the browser, for comparison: its clock is paused after start-up and stepped
 * (with the event loop drained between steps, since its controllers are promise-based) until every
 * pod is Running. Its published build uses extension-less imports, so a resolve hook adds `.js`.
 */
import { register } from 'node:module';
import type { ProcessContext } from '@ngrok/webernetes';

const STEP_MS = 100;
const WALL_LIMIT_MS = Number(process.env.BENCH_WEBERNETES_LIMIT_MS ?? 180_000);

const drain = async (rounds: number) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
};

export async function webernetesScaleOut(replicas: number, nodes: number): Promise<{ version: string; wallMs?: number; virtualMs?: number; running: number; error?: string }> {
  register('./extensionless-hooks.mjs', import.meta.url);
  const w = await import('@ngrok/webernetes');

  class Nginx extends w.BaseImage {
    static readonly imageName = 'nginx';
    static readonly imageVersion = '1.27';
    readonly defaultCommand = ['server'];
    override async exec(ctx: ProcessContext, argv: readonly string[]): Promise<number> {
      if (argv[0] !== 'server') return super.exec(ctx, argv);
      return ctx.waitUntilKilled();
    }
  }

  const cluster = new w.Cluster({ nodes });
  cluster.registerImage(Nginx);
  await cluster.init();
  cluster.pause();
  const running = new Set<string>();
  cluster.informer('pods', (type, pod) => {
    const name = pod.metadata?.name ?? '';
    if (pod.metadata?.labels?.app !== 'web') return;
    if (type !== 'delete' && pod.status?.phase === 'Running') running.add(name);
    else running.delete(name);
  });
  const t0 = performance.now();
  const v0 = cluster.clock.nowMs();
  try {
    const apply = cluster.apply([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: {
          replicas,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
        },
      },
    ] as const);
    while (running.size < replicas) {
      if (performance.now() - t0 > WALL_LIMIT_MS) return { version: '0.3.5', running: running.size, error: `not all Running after ${WALL_LIMIT_MS} ms wall` };
      cluster.clock.step(STEP_MS);
      await drain(3);
    }
    await apply;
    return { version: '0.3.5', wallMs: Math.round(performance.now() - t0), virtualMs: cluster.clock.nowMs() - v0, running: running.size };
  } finally {
    cluster.resume();
    await cluster.close();
  }
}
