/**
 * Routes and autosave slots, small enough for `src/boot.ts` (which asks the worker to restore the
 * right workspace before the app bundle has loaded).
 *
 * Routes: `#/` the playground, `#/learn` the lesson list (over the playground), `#/learn/<id>` a
 * lesson, `#s=<payload>` a shared scenario. Each workspace — the playground, and each lesson — is
 * autosaved under its own localStorage key, so a lesson never overwrites the playground.
 */
import type { OpenTarget, Slot } from '../../worker/protocol.ts';

export type Route = { page: 'playground' } | { page: 'learn' } | { page: 'lesson'; id: string } | { page: 'shared'; payload: string };

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#/, '');
  if (text.startsWith('s=')) return { page: 'shared', payload: text.slice(2) };
  const m = /^\/learn(?:\/([a-z0-9-]{1,64}))?\/?$/.exec(text);
  if (m) return m[1] ? { page: 'lesson', id: m[1] } : { page: 'learn' };
  return { page: 'playground' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'playground':
      return '#/';
    case 'learn':
      return '#/learn';
    case 'lesson':
      return `#/learn/${route.id}`;
    case 'shared':
      return `#s=${route.payload}`;
  }
}

/** The workspace a route shows (a shared link starts over the playground until it is opened). */
export function slotOfRoute(route: Route): Slot {
  return route.page === 'lesson' ? { kind: 'lesson', id: route.id } : { kind: 'playground' };
}

export function routeOfSlot(slot: Slot): Route {
  return slot.kind === 'lesson' ? { page: 'lesson', id: slot.id } : { page: 'playground' };
}

export const sameSlot = (a: Slot, b: Slot) => a.kind === b.kind && (a.kind === 'playground' || (b.kind === 'lesson' && a.id === b.id));

export function slotKey(slot: Slot): string {
  return slot.kind === 'lesson' ? `kubesim.slot.lesson.${slot.id}` : 'kubesim.slot.playground';
}

/** A slot's autosaved workspace as stored (JSON text), if any. */
export function readSlot(slot: Slot): string | undefined {
  try {
    return localStorage.getItem(slotKey(slot)) ?? undefined;
  } catch {
    return undefined; // storage disabled: nothing to restore
  }
}

/** What to ask the worker for: a slot's workspace, restored from its autosave when there is one. */
export function openTarget(slot: Slot): OpenTarget {
  const saved = readSlot(slot);
  const restore = saved !== undefined ? { saved } : {};
  return slot.kind === 'lesson' ? { kind: 'lesson', id: slot.id, ...restore } : { kind: 'playground', ...restore };
}
