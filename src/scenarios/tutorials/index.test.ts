import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseScenario } from '../format.ts';
import { parseScript } from '../script.ts';
import { ScenarioSession } from '../session.ts';
import { placeholders } from './checks.ts';
import { LESSONS, lessonById } from './index.ts';
import { type Localized, type RunAction, inlineSegments, isLoad } from './lesson.ts';

const CJK = /[\u4e00-\u9fff]/;

/** Every piece of localized text in a lesson, with where it is. */
function texts(): [string, Localized][] {
  return LESSONS.flatMap((l) => [
    [`${l.id}.title`, l.title] as [string, Localized],
    [`${l.id}.summary`, l.summary] as [string, Localized],
    ...l.steps.flatMap((s) => [
      [`${l.id}.${s.id}.title`, s.title] as [string, Localized],
      [`${l.id}.${s.id}.text`, s.text] as [string, Localized],
      [`${l.id}.${s.id}.hint`, s.hint] as [string, Localized],
    ]),
  ]);
}

const runs = () =>
  LESSONS.flatMap((l) =>
    l.steps.flatMap((s) => s.actions.filter((a): a is RunAction => !isLoad(a)).map((a) => ({ lesson: l, action: a }))),
  );

/** Manifests the lessons load that the API server must reject, or that are not objects to create. */
const NOT_CREATABLE = new Set(['batch-job-always.yaml', 'echo-cronjob.yaml', 'job-tmpl.yaml', 'patch.yaml']);

describe('the lessons', () => {
  it('are the 18 topics of the issue, in order, with unique ids', () => {
    expect(LESSONS.map((l) => l.number)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(18);
    for (const l of LESSONS) {
      expect(l.id).toMatch(/^[a-z0-9-]+$/);
      expect(lessonById(l.id)).toBe(l);
      expect(new Set(l.steps.map((s) => s.id)).size, l.id).toBe(l.steps.length);
      expect(l.steps.length, l.id).toBeGreaterThanOrEqual(3);
      expect(parseScenario({ version: 1, ...l.start, lesson: { id: l.id, done: 0 } }).seed).toBe(l.start.seed);
    }
  });

  it('are written in English and Simplified Chinese', () => {
    for (const [where, text] of texts()) {
      expect(text.en.trim(), where).not.toBe('');
      expect(text.zh.trim(), where).not.toBe('');
      expect(CJK.test(text.en), `${where} (en) has Chinese`).toBe(false);
      if (!/^[A-Za-z0-9/.: ]+$/.test(text.en)) expect(CJK.test(text.zh), `${where} (zh) has no Chinese`).toBe(true);
      for (const lang of ['en', 'zh'] as const) {
        expect(text[lang].split('`').length % 2, `${where} (${lang}) has an unmatched backtick`).toBe(1);
        expect(
          inlineSegments(text[lang])
            .map((s) => s.text)
            .join(''),
          where,
        ).toBe(text[lang].replaceAll('`', ''));
      }
    }
  });

  it('run commands that are single kubectl or sim lines a timeline can hold', () => {
    for (const { lesson, action } of runs()) {
      const where = `${lesson.id}: ${action.run}`;
      for (const p of placeholders(action.run)) expect(p.error, where).toBeUndefined();
      const concrete = action.run.replace(/\{\{[^}]*\}\}/g, 'x');
      expect(parseScript(concrete), where).toHaveLength(1);
      expect(
        () => parseScenario({ version: 1, seed: 1, timeline: [{ atMs: 0, command: concrete }] }),
        where,
      ).not.toThrow();
      expect(action.run, where).not.toMatch(/minikube/);
    }
  });

  it('load every file before a command reads it', () => {
    for (const lesson of LESSONS) {
      const loaded = new Set<string>();
      for (const step of lesson.steps) {
        for (const action of step.actions) {
          if (isLoad(action)) {
            loaded.add(action.load);
            continue;
          }
          for (const m of action.run.matchAll(/(?:-f|--filename|--patch-file)[= ](\S+)/g)) {
            const name = m[1]!.replace(/^\.\//, '').replace(/\/$/, '');
            if (name === '-') continue;
            const found = loaded.has(name) || [...loaded].some((f) => f.startsWith(`${name}/`));
            expect(found, `${lesson.id}.${step.id}: ${action.run} reads ${name} before it is loaded`).toBe(true);
          }
        }
      }
    }
  });

  it('load YAML the API server accepts', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        for (const action of step.actions) {
          if (!isLoad(action)) continue;
          const where = `${lesson.id}.${step.id}: ${action.load}`;
          expect(
            parseAllDocuments(action.text).flatMap((d) => d.errors),
            where,
          ).toEqual([]);
          if (NOT_CREATABLE.has(action.load)) continue;
          const session = new ScenarioSession({ seed: 1 });
          session.setFile(action.load, action.text);
          const r = session.run(`kubectl create -f ${action.load}`);
          expect(r.output, where).not.toMatch(/error|invalid/i);
          expect(r.exitCode, `${where}\n${r.output}`).toBe(0);
        }
      }
    }
  });
});
