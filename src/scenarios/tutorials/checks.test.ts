import { describe, expect, it } from 'vitest';
import { matchesQuery, parseQuery, placeholders, resolveCommand } from './checks.ts';
import { type ClusterObject, type ClusterView, type Lesson, advanceProgress, inlineSegments } from './lesson.ts';

const obj = (
  kind: string,
  name: string,
  extra: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): ClusterObject & Record<string, unknown> => ({
  kind,
  metadata: { name, namespace: kind === 'Node' ? undefined : 'default', uid: `uid-${name}`, ...meta },
  ...extra,
});

function view(objects: ClusterObject[]): ClusterView {
  return {
    objects: (kind) => objects.filter((o) => o.kind === kind),
    events: () => objects.filter((o) => o.kind === 'Event'),
  };
}

const cluster = view([
  obj('Node', 'worker-1'),
  obj('Node', 'worker-2', { spec: { unschedulable: true } }),
  obj('Pod', 'pi-b2xk9', { spec: { nodeName: 'worker-2' } }, { labels: { 'job-name': 'pi' } }),
  obj(
    'Pod',
    'pi-7wcbj',
    { spec: { nodeName: 'worker-1' } },
    { labels: { 'job-name': 'pi' }, deletionTimestamp: '2025-01-01T00:01:00Z' },
  ),
  obj('Pod', 'web-x', { spec: {} }, { labels: { app: 'web', tier: 'front' } }),
  obj(
    'Job',
    'hello-28928161',
    {},
    { ownerReferences: [{ kind: 'CronJob', name: 'hello', uid: 'uid-hello', controller: true }] },
  ),
  obj(
    'Pod',
    'other-ns',
    { spec: { nodeName: 'worker-1' } },
    { namespace: 'kube-system', labels: { 'job-name': 'pi' } },
  ),
]);

describe('queries', () => {
  it.each([
    ['job-name=pi', { 'job-name': 'pi' }, true],
    ['job-name==pi', { 'job-name': 'pi' }, true],
    ['job-name!=pi', { 'job-name': 'pi' }, false],
    ['app=web,tier=front', { app: 'web', tier: 'front' }, true],
    ['app=web,tier=back', { app: 'web', tier: 'front' }, false],
    ['tier', { tier: 'x' }, true],
    ['!tier', { tier: 'x' }, false],
    ['batch.kubernetes.io/job-completion-index=3', { 'batch.kubernetes.io/job-completion-index': '3' }, true],
  ])('%s against %j is %s', (query, labels, expected) => {
    expect(matchesQuery(obj('Pod', 'p', {}, { labels }), query)).toBe(expected);
  });

  it('rejects malformed queries', () => {
    expect(parseQuery('=x')).toBeInstanceOf(Error);
    expect(parseQuery('owner=CronJob')).toBeInstanceOf(Error);
    expect(parseQuery('!a=b')).toBeInstanceOf(Error);
    expect(matchesQuery(obj('Pod', 'p'), '=x')).toBe(false);
  });
});

describe('resolveCommand', () => {
  it.each([
    ['kubectl logs {{pod:job-name=pi}}', 'kubectl logs pi-b2xk9'],
    ['sim node fail {{node:job-name=pi}}', 'sim node fail worker-1'],
    ['kubectl logs job/{{job:owner=CronJob/hello}}', 'kubectl logs job/hello-28928161'],
    ['kubectl uncordon {{cordoned-node}}', 'kubectl uncordon worker-2'],
    ['kubectl get pods', 'kubectl get pods'],
  ])('%s → %s', (template, expected) => {
    expect(resolveCommand(template, cluster)).toBe(expected);
  });

  it('is undefined until everything it names exists', () => {
    expect(resolveCommand('kubectl logs {{pod:job-name=nope}}', cluster)).toBeUndefined();
    expect(resolveCommand('kubectl logs {{pod:app=web}} {{job:app=none}}', cluster)).toBeUndefined();
    expect(resolveCommand('sim node fail {{node:app=web}}', cluster)).toBeUndefined();
  });

  it('lists placeholders and their errors', () => {
    expect(placeholders('kubectl delete pod {{pod:app=web}} {{cordoned-node}} {{job:owner=x}}')).toEqual([
      { kind: 'pod', query: 'app=web' },
      { kind: 'cordoned-node', query: '' },
      { kind: 'job', query: 'owner=x', error: 'owner must be Kind/name in "owner=x"' },
    ]);
  });
});

describe('lesson progress', () => {
  const flags = { a: false, b: false, c: false };
  const step = (id: keyof typeof flags) => ({
    id,
    title: { en: id, zh: id },
    text: { en: '', zh: '' },
    hint: { en: '', zh: '' },
    actions: [],
    check: () => flags[id],
  });
  const lesson: Lesson = {
    id: 'x',
    number: 1,
    title: { en: 'x', zh: 'x' },
    summary: { en: '', zh: '' },
    source: '',
    start: { seed: 1 },
    steps: [step('a'), step('b'), step('c')],
  };
  const empty = view([]);

  it('ticks steps in order, never skipping one whose check does not hold', () => {
    expect(advanceProgress(lesson, 0, empty)).toBe(0);
    flags.b = true;
    expect(advanceProgress(lesson, 0, empty)).toBe(0);
    flags.a = true;
    expect(advanceProgress(lesson, 0, empty)).toBe(2);
    flags.a = false;
    expect(advanceProgress(lesson, 2, empty)).toBe(2);
    flags.c = true;
    expect(advanceProgress(lesson, 2, empty)).toBe(3);
    expect(advanceProgress(lesson, 3, empty)).toBe(3);
  });
});

describe('inlineSegments', () => {
  it('splits code from prose and leaves a lone backtick alone', () => {
    expect(inlineSegments('Run `kubectl get pods` now')).toEqual([
      { code: false, text: 'Run ' },
      { code: true, text: 'kubectl get pods' },
      { code: false, text: ' now' },
    ]);
    expect(inlineSegments('a `b')).toEqual([
      { code: false, text: 'a ' },
      { code: false, text: '`b' },
    ]);
    expect(inlineSegments('<b>not html</b>')).toEqual([{ code: false, text: '<b>not html</b>' }]);
  });
});
