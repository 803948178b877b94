/**
 * `#/learn/<id>`: the lesson in the right column. Steps tick themselves off as the worker's checks
 * hold against the live cluster; the current step is open, with its text, "load this manifest"
 * buttons (into an editor tab), "run this" buttons (typed into the terminal and run, placeholders
 * filled in from the cluster) and its hint once it is stuck.
 */
import { useEffect, useRef, useState } from 'react';
import { type Action, type Lang, type Lesson, type Step, isLoad } from '../../scenarios/tutorials/lesson.ts';
import type { LessonState } from '../../worker/protocol.ts';
import { navigate } from '../state/route.ts';
import { loadManifest, shareWorkspace, useScenarioStore } from '../state/scenario.ts';
import { terminalBus } from '../state/terminalBus.ts';
import { useUiStore } from '../state/ui.ts';
import { LangSwitch } from './LangSwitch.tsx';
import { Inline, LessonText } from './LessonText.tsx';
import { type Lessons, useLessons } from './lessons.ts';

const WORDS = {
  en: { lessons: '← Lessons', lesson: 'Lesson', load: 'Load', run: 'Run', waiting: 'Waiting for the cluster: this command names an object that does not exist yet', hint: 'Hint', complete: 'Lesson complete', next: 'Next lesson', share: 'Share your cluster', source: 'Source', opening: 'Opening the lesson…', steps: 'steps' },
  zh: { lessons: '← 全部课程', lesson: '第', load: '加载', run: '运行', waiting: '等待集群:这条命令引用的对象还不存在', hint: '提示', complete: '本课完成', next: '下一课', share: '分享你的集群', source: '出处', opening: '正在打开课程…', steps: '步' },
} as const;

type Status = 'done' | 'current' | 'todo';

function ActionButton({ action, commands, lang }: { action: Action; commands: Record<string, string | null>; lang: Lang }) {
  const w = WORDS[lang];
  if (isLoad(action)) {
    return (
      <button type="button" className="lesson-action load" aria-label={`${WORDS.en.load} ${action.load}`} onClick={() => loadManifest({ name: action.load, text: action.text })}>
        ⤓ {w.load} <code>{action.load}</code>
      </button>
    );
  }
  const line = action.run.includes('{{') ? commands[action.run] : action.run;
  return (
    <button
      type="button"
      className="lesson-action run"
      disabled={!line}
      data-stdin={action.stdin !== undefined ? '' : undefined}
      aria-label={`${WORDS.en.run}: ${line ?? action.run}`}
      title={line ? `Types it in the terminal and runs it${action.fails ? ' (it is meant to fail)' : ''}` : w.waiting}
      onClick={() => {
        if (!line) return;
        useUiStore.getState().revealTerminal();
        terminalBus.emit({ kind: 'type', line, ...(action.stdin !== undefined ? { stdin: action.stdin } : {}) });
      }}
    >
      ▶ <code>{line ?? action.run}</code>
    </button>
  );
}

function StepItem({ step, index, status, state, lang }: { step: Step; index: number; status: Status; state: LessonState; lang: Lang }) {
  const [expanded, setExpanded] = useState<boolean | undefined>(undefined);
  const [hint, setHint] = useState(false);
  const ref = useRef<HTMLLIElement>(null);
  const open = expanded ?? status === 'current';
  useEffect(() => {
    if (status === 'current') ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [status]);
  const w = WORDS[lang];
  return (
    <li ref={ref} className={`step ${status}`} data-testid={`step-${step.id}`} data-state={status}>
      <button type="button" className="step-head" aria-expanded={open} onClick={() => setExpanded(!open)}>
        <span className="tick" aria-label={status === 'done' ? 'done' : undefined}>
          {status === 'done' ? '✓' : index + 1}
        </span>
        <span className="step-title">{step.title[lang]}</span>
      </button>
      {open ? (
        <div className="step-body">
          <LessonText text={step.text[lang]} />
          {step.actions.length > 0 ? (
            <div className="lesson-actions">
              {step.actions.map((a, i) => (
                <ActionButton key={i} action={a} commands={state.commands} lang={lang} />
              ))}
            </div>
          ) : null}
          {status === 'current' ? (
            state.stuck || hint ? (
              <p className="hint" data-testid="hint">
                <b>{w.hint}:</b> <Inline text={step.hint[lang]} />
              </p>
            ) : (
              <button type="button" className="link small" onClick={() => setHint(true)}>
                {w.hint}
              </button>
            )
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function Complete({ lesson, lessons, lang }: { lesson: Lesson; lessons: Lessons; lang: Lang }) {
  const next = lessons[lessons.indexOf(lesson) + 1];
  const w = WORDS[lang];
  return (
    <div className="lesson-complete" data-testid="lesson-complete">
      <strong>✓ {w.complete}</strong>
      <div className="row">
        <button type="button" className="ghost small" onClick={() => void shareWorkspace()}>
          ⤴ {w.share}
        </button>
        {next ? (
          <button type="button" className="primary small" onClick={() => navigate({ page: 'lesson', id: next.id })}>
            {w.next}: {next.title[lang]} →
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function LessonPanel({ id }: { id: string }) {
  const lessons = useLessons();
  const lesson = lessons?.find((l) => l.id === id);
  const lang = useScenarioStore((s) => s.lang);
  const state = useScenarioStore((s) => (s.lesson?.id === id && s.slot.kind === 'lesson' && s.slot.id === id ? s.lesson : null));
  const w = WORDS[lang];
  if (!lessons) {
    return (
      <section className="panel learn-panel" aria-label="lesson">
        <div className="learn-body">
          <p className="muted">{w.opening}</p>
        </div>
      </section>
    );
  }
  if (!lesson) {
    return (
      <section className="panel learn-panel" aria-label="lesson">
        <div className="learn-body">
          <p>There is no lesson “{id}”.</p>
          <button type="button" className="link" onClick={() => navigate({ page: 'learn' })}>
            {w.lessons}
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="panel learn-panel" aria-label="lesson" data-testid="lesson-panel">
      <header className="panel-head">
        <button type="button" className="link small" onClick={() => navigate({ page: 'learn' })}>
          {w.lessons}
        </button>
        <span className="spacer" />
        <LangSwitch />
      </header>
      <div className="learn-body">
        <h3 className="lesson-title">
          <span className="lesson-number">{lesson.number}</span> {lesson.title[lang]}
        </h3>
        <p className="muted">{lesson.summary[lang]}</p>
        {state ? (
          <>
            <div className="lesson-meter" aria-label={`${state.done} of ${state.total} ${w.steps}`} data-testid="lesson-progress">
              <span className="bar">
                <span className="bar-fill" style={{ width: `${(state.done / state.total) * 100}%` }} />
              </span>
              <span className="small">
                {state.done}/{state.total}
              </span>
            </div>
            <ol className="steps">
              {lesson.steps.map((step, i) => (
                <StepItem key={step.id} step={step} index={i} status={i < state.done ? 'done' : i === state.done ? 'current' : 'todo'} state={state} lang={lang} />
              ))}
            </ol>
            {state.done === state.total ? <Complete lesson={lesson} lessons={lessons} lang={lang} /> : null}
          </>
        ) : (
          <p className="muted">{w.opening}</p>
        )}
        <p className="muted small source">
          {w.source}: {lesson.source}
        </p>
      </div>
    </section>
  );
}
