import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Scenario, SCENARIO_LIMITS, ScenarioError, emptyScenario, parseScenario } from './format.ts';

const valid: Scenario = {
  version: 1,
  title: 'pi with two workers',
  lesson: { id: 'first-job', done: 2 },
  seed: 42,
  nodes: [
    { name: 'control-plane', role: 'control-plane', taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
    { name: 'worker-1', labels: { disk: 'ssd' }, cpu: '2', memory: '4Gi', pods: 20 },
  ],
  manifests: [{ name: 'pi.yaml', text: 'apiVersion: batch/v1\nkind: Job\n' }],
  timeline: [
    { atMs: 0, command: 'kubectl apply -f pi.yaml' },
    { atMs: 5000, command: 'kubectl apply -f -', stdin: 'apiVersion: v1\nkind: Pod\n' },
    { atMs: 5000, command: 'sim node fail worker-1', files: [{ name: 'jobs/a.yaml', text: 'x' }] },
  ],
  resumeAtMs: 60_000,
};

/** The issues parseScenario reports for `data`, as `path: message` lines. */
function issues(data: unknown): string[] {
  try {
    parseScenario(data);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

const withField = (patch: Record<string, unknown>): unknown => ({ ...valid, ...patch });

describe('parseScenario', () => {
  it('accepts a valid scenario and returns a fresh copy', () => {
    const parsed = parseScenario(JSON.parse(JSON.stringify(valid)));
    expect(parsed).toEqual(valid);
    expect(parsed.nodes).not.toBe(valid.nodes);
    expect(parseScenario(emptyScenario(3))).toEqual({ version: 1, seed: 3, manifests: [], timeline: [], resumeAtMs: 0 });
  });

  it('rejects other versions before looking further', () => {
    expect(issues({ version: 2 })).toEqual(['version: unsupported scenario version 2 (this kubesim reads version 1)']);
    expect(issues({ seed: 1 })).toEqual(['version: unsupported scenario version null (this kubesim reads version 1)']);
    expect(issues('hello')).toEqual([': must be an object']);
    expect(issues([])).toEqual([': must be an object']);
  });

  it.each([
    ['an unknown top-level field', withField({ sede: 1 }), 'sede: unknown field (expected one of: version, title, lesson, seed, nodes, manifests, timeline, resumeAtMs)'],
    ['a seed of the wrong type', withField({ seed: true }), 'seed: must be a number or a string'],
    ['a fractional seed', withField({ seed: 1.5 }), 'seed: must be an integer'],
    ['an empty node list', withField({ nodes: [] }), 'nodes: must list at least one node (omit it for the default cluster)'],
    ['a bad node name', withField({ nodes: [{ name: 'Worker_1' }] }), 'nodes[0].name: "Worker_1" is not a valid node name (lowercase letters, digits, "-" and ".")'],
    ['a duplicate node', withField({ nodes: [{ name: 'a' }, { name: 'a' }] }), 'nodes[1].name: duplicate node name "a"'],
    ['a bad role', withField({ nodes: [{ name: 'a', role: 'master' }] }), 'nodes[0].role: must be "control-plane" or "worker"'],
    ['a bad label key', withField({ nodes: [{ name: 'a', labels: { 'bad key': 'x' } }] }), 'nodes[0].labels["bad key"]: name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')'],
    ['a label value that is not a string', withField({ nodes: [{ name: 'a', labels: { disk: 1 } }] }), 'nodes[0].labels.disk: must be a string'],
    ['a bad taint effect', withField({ nodes: [{ name: 'a', taints: [{ key: 'k', effect: 'NoRun' }] }] }), 'nodes[0].taints[0].effect: must be one of NoSchedule, PreferNoSchedule, NoExecute'],
    ['a bad quantity', withField({ nodes: [{ name: 'a', memory: 'lots' }] }), 'nodes[0].memory: "lots" is not a quantity (examples: 4, 3500m, 8Gi)'],
    ['a duplicate file', withField({ manifests: [{ name: 'a.yaml', text: '' }, { name: 'a.yaml', text: '' }] }), 'manifests[1].name: duplicate file name "a.yaml"'],
    ['a file name escaping its folder', withField({ manifests: [{ name: '../etc/passwd', text: '' }] }), 'manifests[0].name: "../etc/passwd" is not a valid file name (letters, digits, ".", "_", "-", folders separated by "/")'],
    ['an absolute file name', withField({ manifests: [{ name: '/a.yaml', text: '' }] }), 'manifests[0].name: "/a.yaml" is not a valid file name (letters, digits, ".", "_", "-", folders separated by "/")'],
    ['a command that is not kubectl or sim', withField({ timeline: [{ atMs: 0, command: 'rm -rf /' }] }), 'timeline[0].command: "rm -rf /" is not a single kubectl or sim command'],
    ['two commands in one entry', withField({ timeline: [{ atMs: 0, command: 'kubectl get pods\nsim time' }] }), 'timeline[0].command: "kubectl get pods\\nsim time" is not a single kubectl or sim command'],
    ['sim reset in a timeline', withField({ timeline: [{ atMs: 0, command: 'sim reset --nodes 5' }] }), 'timeline[0].command: "sim reset" starts a new scenario and cannot appear in a timeline'],
    ['time going backwards', withField({ timeline: [{ atMs: 10, command: 'sim time' }, { atMs: 5, command: 'sim time' }] }), 'timeline[1].atMs: must not be before timeline[0].atMs (10)'],
    ['a negative time', withField({ timeline: [{ atMs: -1, command: 'sim time' }] }), `timeline[0].atMs: must be between 0 and ${SCENARIO_LIMITS.durationMs}`],
    ['a resume time before the last command', withField({ resumeAtMs: 1000 }), 'resumeAtMs: must not be before the last command (5000)'],
    ['a scenario longer than the limit', withField({ resumeAtMs: SCENARIO_LIMITS.durationMs + 1 }), `resumeAtMs: must be between 0 and ${SCENARIO_LIMITS.durationMs}`],
    ['a bad lesson id', withField({ lesson: { id: 'First Job', done: 1 } }), 'lesson.id: "First Job" is not a lesson id'],
    ['a lesson without progress', withField({ lesson: { id: 'first-job' } }), 'lesson.done: must be an integer'],
    ['an unknown timeline field', withField({ timeline: [{ atMs: 0, command: 'sim time', output: 'x' }] }), 'timeline[0].output: unknown field (expected one of: atMs, command, stdin, files)'],
  ])('reports %s with its field path', (_name, data, expected) => {
    expect(issues(data)).toContain(expected);
  });

  it('treats __proto__ in JSON as data, never as a prototype', () => {
    const hostile = JSON.parse('{"version":1,"seed":1,"__proto__":{"polluted":true},"nodes":[{"name":"a","labels":{"__proto__":"x"}}]}');
    expect(issues(hostile)).toEqual([
      '__proto__: unknown field (expected one of: version, title, lesson, seed, nodes, manifests, timeline, resumeAtMs)',
      expect.stringMatching(/^nodes\[0\]\.labels\.__proto__: name part must consist/),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('enforces list limits', () => {
    const timeline = Array.from({ length: SCENARIO_LIMITS.timelineEntries + 1 }, () => ({ atMs: 0, command: 'sim time' }));
    expect(issues(withField({ timeline }))).toEqual([`timeline: must have at most ${SCENARIO_LIMITS.timelineEntries} items (has ${timeline.length})`]);
    expect(issues(withField({ manifests: [{ name: 'big.yaml', text: 'x'.repeat(SCENARIO_LIMITS.fileChars + 1) }] }))).toEqual([
      `manifests[0].text: must be at most ${SCENARIO_LIMITS.fileChars} characters (has ${SCENARIO_LIMITS.fileChars + 1})`,
    ]);
  });

  it('summarises many problems in its message', () => {
    const e = (() => {
      try {
        parseScenario(withField({ timeline: Array.from({ length: 8 }, () => ({ atMs: 'soon', command: 'sim time' })) }));
      } catch (err) {
        return err as ScenarioError;
      }
      throw new Error('expected an error');
    })();
    expect(e.issues).toHaveLength(8);
    expect(e.message).toBe(
      ['invalid scenario:', ...Array.from({ length: 5 }, (_, i) => `timeline[${i}].atMs: must be an integer`), '(and 3 more)'].join('\n'),
    );
  });

  it('never throws anything but ScenarioError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseScenario(value);
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('seed', 'nodes', 'manifests', 'timeline', 'resumeAtMs', 'title'), fc.jsonValue()), (fields) => {
        try {
          parseScenario({ version: 1, seed: 1, ...fields });
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
