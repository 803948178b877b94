/**
 * The lessons' content (text in two languages, manifests, checks) is the biggest thing the
 * playground never needs, so it lives in a chunk of its own: loaded as soon as something in learn
 * mode asks for it, and otherwise in the background once the app is interactive, so opening learn
 * mode later does not wait for it.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Lesson } from '../../scenarios/tutorials/lesson.ts';
import { whenInteractive } from '../state/perf.ts';
import { useRoute } from '../state/route.ts';

export type Lessons = readonly Lesson[];

const useLoaded = create<{ lessons: Lessons | undefined }>(() => ({ lessons: undefined }));
let loading: Promise<Lessons> | undefined;

/** The lessons, in order (loads their chunk the first time). */
export function loadLessons(): Promise<Lessons> {
  loading ??= import('../../scenarios/tutorials/index.ts').then(
    (m) => {
      useLoaded.setState({ lessons: m.LESSONS });
      return m.LESSONS;
    },
    (e: unknown) => {
      loading = undefined; // a failed chunk load is tried again next time
      throw e;
    },
  );
  return loading;
}

/** The lesson with this id, once the lessons are loaded. */
export async function loadLesson(id: string): Promise<Lesson | undefined> {
  return (await loadLessons()).find((l) => l.id === id);
}

/** The lessons, or undefined while their chunk loads (asked for when `wanted`). */
export function useLessons(wanted = true): Lessons | undefined {
  const lessons = useLoaded((s) => s.lessons);
  useEffect(() => {
    if (wanted && !lessons) void loadLessons();
  }, [wanted, lessons]);
  return lessons;
}

/** Load the lessons now when the visit starts in learn mode, else in the background once the app is interactive. */
export function preloadLessons(): void {
  const { page } = useRoute.getState().route;
  const ready = page === 'learn' || page === 'lesson' ? Promise.resolve() : whenInteractive();
  void ready.then(() => loadLessons().catch(() => undefined));
}
