/** `#/learn`: the lessons, in order, with the progress saved for each. */
import { useMemo } from 'react';
import { navigate } from '../state/route.ts';
import { savedProgress, useScenarioStore } from '../state/scenario.ts';
import { LangSwitch } from './LangSwitch.tsx';
import { useLessons } from './lessons.ts';

export function LessonList() {
  const lang = useScenarioStore((s) => s.lang);
  // Re-read when a workspace was saved (a lesson's scenario posted) — cheap: 18 small reads.
  const version = useScenarioStore((s) => s.scenario);
  const lessons = useLessons();
  const progress = useMemo(() => (lessons ? savedProgress(lessons) : {}), [lessons, version]);
  return (
    <section className="panel learn-panel" aria-label="lessons" data-testid="lesson-list">
      <header className="panel-head">
        <h2>{lang === 'zh' ? '教程' : 'Learn'}</h2>
        <span className="spacer" />
        <LangSwitch />
      </header>
      <div className="learn-body">
        <p className="muted">
          {lang === 'zh'
            ? '每一课都在一个属于它自己的集群里进行:照着做,检查项会在集群达到目标状态时自动打勾。'
            : 'Each lesson runs on a cluster of its own. Follow the steps; each one ticks itself off when the cluster gets there.'}
        </p>
        <ol className="lesson-list">
          {(lessons ?? []).map((lesson) => {
            const done = progress[lesson.id] ?? 0;
            const total = lesson.steps.length;
            return (
              <li key={lesson.id}>
                <button type="button" className="lesson-card" data-testid={`lesson-${lesson.id}`} onClick={() => navigate({ page: 'lesson', id: lesson.id })}>
                  <span className="lesson-number">{lesson.number}</span>
                  <span className="lesson-card-text">
                    <strong>{lesson.title[lang]}</strong>
                    <span className="muted small">{lesson.summary[lang]}</span>
                  </span>
                  <span className={`lesson-progress small${done === total ? ' good' : ''}`}>{done === total ? '✓' : done > 0 ? `${done}/${total}` : ''}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
