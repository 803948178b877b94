/**
 * The shared shape of every lesson's headless test: perform the lesson through the script runner
 * (each check must tick in order), share the result as a link and replay it. Skipped, with the
 * missing capabilities in its name, until the engine can run the lesson.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type LessonRun, runLesson, shareAndReplay } from '../tutorials/headless.ts';
import type { Lesson } from '../tutorials/lesson.ts';
import { type Capability, missing } from './capabilities.ts';

export function lessonSuite(lesson: Lesson, needs: Capability[], more?: (run: LessonRun) => void): void {
  const absent = missing(...needs);
  const name = `lesson ${lesson.number}: ${lesson.title.en}${absent.length > 0 ? ` (waiting for: ${absent.join(', ')})` : ''}`;
  describe.skipIf(absent.length > 0)(name, () => {
    let run: LessonRun;
    beforeAll(() => {
      run = runLesson(lesson, { simulation: { freeze: true } });
    });

    it('ticks every check in order, performing its steps through the script runner', () => {
      expect(run.steps.map((s) => s.id)).toEqual(lesson.steps.map((s) => s.id));
      expect(run.session.lesson).toEqual({ id: lesson.id, done: lesson.steps.length });
      expect(run.session.sim.controllerErrors).toEqual([]);
      more?.(run);
    });

    it('replays to the same cluster from its share link', () => {
      expect(shareAndReplay(run).identical).toBe(true);
    });
  });
}
