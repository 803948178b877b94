/**
 * The module Web Worker that hosts the cluster. A thin shell: messages go to the Session, and a
 * frame loop (requestAnimationFrame where workers have it, else a 16 ms timer) paces virtual time
 * and posts one batched diff per frame. Uncaught errors are reported, never fatal to the page.
 */
import { wallClock } from './pacing.ts';
import type { EngineToUi, UiToEngine } from './protocol.ts';
import { Session } from './session.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: EngineToUi) => scope.postMessage(m);

let session: Session;
try {
  session = new Session({ post, wallNow: wallClock }, { playing: true });
} catch (e) {
  post({ type: 'workerError', message: `the cluster failed to boot: ${e instanceof Error ? e.message : String(e)}`, fatal: true, simNowMs: 0, rv: 0 });
  throw e;
}

scope.onmessage = (e: MessageEvent<UiToEngine>) => session.handle(e.data);

const nextFrame: (cb: () => void) => void =
  typeof scope.requestAnimationFrame === 'function' ? (cb) => scope.requestAnimationFrame(cb) : (cb) => setTimeout(cb, 16);

function loop(): void {
  session.frame(true);
  nextFrame(loop);
}
nextFrame(loop);
