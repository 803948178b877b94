import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Event, KubeObject } from '../api/objects.ts';
import { createTestSim } from '../testing/harness.ts';
import type { Simulation } from '../sim/simulation.ts';
import { COMBINED_PREFIX, EVENT_TTL_MS, EventRecorder, type EventType } from './eventRecorder.ts';

function setup(): { sim: Simulation; cm: KubeObject; events: () => Event[] } {
  const sim = createTestSim({ nodes: [] });
  const cm = sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'subject' } });
  const events = () => sim.api.list<Event>('Event', { fieldSelector: 'involvedObject.name=subject' });
  return { sim, cm, events };
}

const source = { component: 'test-controller' };

describe('event recorder', () => {
  it('counts identical events on one Event, for as long as it exists', () => {
    const { sim, cm, events } = setup();
    sim.events.record(cm, 'Warning', 'Broken', 'it broke', source);
    sim.advance(30 * 60_000);
    sim.events.record(cm, 'Warning', 'Broken', 'it broke', source);
    const [ev] = events();
    expect(events()).toHaveLength(1);
    expect(ev).toMatchObject({ count: 2, firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:30:00Z', type: 'Warning', reason: 'Broken', message: 'it broke', source: { component: 'test-controller' }, reportingComponent: 'test-controller' });
    expect(ev!.metadata.name).toMatch(/^subject\.[0-9a-f]+$/);
    expect(ev!.involvedObject).toMatchObject({ kind: 'ConfigMap', name: 'subject', namespace: 'default', uid: cm.metadata.uid, apiVersion: 'v1' });
  });

  it('remembers the 4096 most recently seen events (client-go LRU size), refreshing on every repeat', () => {
    const { sim, cm, events } = setup();
    sim.events.record(cm, 'Normal', 'Ping', 'kept', source);
    sim.events.record(cm, 'Normal', 'Ping', 'forgotten', source);
    // 4094 other events, then "kept" again: it is now the newest, "forgotten" the oldest.
    for (let i = 0; i < 4094; i++) sim.events.record(cm, 'Normal', `Other${i}`, 'x', source);
    sim.events.record(cm, 'Normal', 'Ping', 'kept', source);
    // One more event evicts "forgotten"; its next occurrence makes a new Event.
    sim.events.record(cm, 'Normal', 'Other', 'x', source);
    sim.events.record(cm, 'Normal', 'Ping', 'kept', source);
    sim.events.record(cm, 'Normal', 'Ping', 'forgotten', source);
    const ping = events().filter((e) => e.reason === 'Ping');
    expect(ping.filter((e) => e.message === 'kept').map((e) => e.count)).toEqual([3]);
    expect(ping.filter((e) => e.message === 'forgotten').map((e) => e.count)).toEqual([1, 1]);
  });

  it('starts a new Event once the old one expired (one hour after its last update)', () => {
    const { sim, cm, events } = setup();
    sim.events.record(cm, 'Normal', 'Ping', 'ping', source);
    sim.advance(EVENT_TTL_MS + 1000);
    expect(events()).toEqual([]);
    sim.events.record(cm, 'Normal', 'Ping', 'ping', source);
    expect(events().map((e) => e.count)).toEqual([1]);
  });

  it('keeps events of different messages, containers or reasons apart', () => {
    const { sim, cm, events } = setup();
    sim.events.record(cm, 'Normal', 'Pulled', 'image a', { ...source, fieldPath: 'spec.containers{a}' });
    sim.events.record(cm, 'Normal', 'Pulled', 'image a', { ...source, fieldPath: 'spec.containers{b}' });
    sim.events.record(cm, 'Normal', 'Pulled', 'image b', { ...source, fieldPath: 'spec.containers{a}' });
    sim.events.record(cm, 'Normal', 'Started', 'image a', { ...source, fieldPath: 'spec.containers{a}' });
    expect(events()).toHaveLength(4);
  });

  it('combines similar events past 10 distinct messages in 10 minutes', () => {
    const { sim, cm, events } = setup();
    for (let i = 1; i <= 12; i++) {
      sim.events.record(cm, 'Warning', 'FailedMount', `volume ${i} not found`, source);
      sim.advance(1000);
    }
    const all = events();
    const combined = all.filter((e) => e.message!.startsWith(COMBINED_PREFIX));
    expect(all).toHaveLength(10);
    expect(combined).toHaveLength(1);
    expect(combined[0]).toMatchObject({ count: 3, message: `${COMBINED_PREFIX}volume 12 not found` });
    // Ten quiet minutes later the similarity record starts over.
    sim.advance(11 * 60_000);
    sim.events.record(cm, 'Warning', 'FailedMount', 'volume 13 not found', source);
    expect(events().some((e) => e.message === 'volume 13 not found')).toBe(true);
  });

  it('drops events the API server refuses instead of failing the caller', () => {
    const { sim } = setup();
    sim.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    const cm = sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'gone' } });
    sim.api.delete('Namespace', undefined, 'gone');
    expect(() => sim.events.record(cm, 'Normal', 'Late', 'too late', source)).not.toThrow();
    expect(sim.api.list('Event', { namespace: 'gone' })).toEqual([]);
  });

  it('matches a model of client-go\'s correlator (string-keyed LRUs) under random events', () => {
    interface Step {
      object: number;
      type: EventType;
      reason: string;
      message: string;
      component: string;
      host: string;
      fieldPath: string;
      advanceMs: number;
    }
    const step = fc.record<Step>({
      object: fc.integer({ min: 0, max: 2 }),
      type: fc.constantFrom<EventType>('Normal', 'Warning'),
      reason: fc.constantFrom('Pulled', 'Started', 'BackOff'),
      message: fc.integer({ min: 0, max: 11 }).map((i) => `message ${i}`),
      component: fc.constantFrom('kubelet', 'job-controller'),
      host: fc.constantFrom('', 'node-a'),
      fieldPath: fc.constantFrom('', 'spec.containers{a}', 'spec.containers{b}'),
      advanceMs: fc.constantFrom(0, 0, 1000, 60_000, 11 * 60_000, 50 * 60_000),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 120 }), (cacheSize, steps) => {
        const sim = createTestSim({ nodes: [] });
        const recorder = new EventRecorder(sim.api, sim.store, sim.clock, cacheSize);
        const objects = [0, 1, 2].map((i) => sim.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `subject-${i}` } }));
        // The model: client-go's two LRUs keyed by strings, and the Events they lead to.
        const similar = new Map<string, { messages: Set<string>; lastMs: number }>();
        const observed = new Map<string, number>();
        const events: { object: string; reason: string; type: string; fieldPath: string; message: string; count: number; lastMs: number }[] = [];
        const touch = <V>(lru: Map<string, V>, key: string, value: V) => {
          lru.delete(key);
          lru.set(key, value);
          if (lru.size > cacheSize) lru.delete(lru.keys().next().value!);
        };
        for (const s of steps) {
          sim.advance(s.advanceMs);
          const now = sim.now();
          const obj = objects[s.object]!;
          recorder.record(obj, s.type, s.reason, s.message, { component: s.component, ...(s.host ? { host: s.host } : {}), ...(s.fieldPath ? { fieldPath: s.fieldPath } : {}) });
          const similarKey = [obj.metadata.uid, s.component, s.host, s.type, s.reason].join('|');
          let record = similar.get(similarKey);
          if (!record || now - record.lastMs > 10 * 60_000) record = { messages: new Set(), lastMs: now };
          record.messages.add(s.message);
          record.lastMs = now;
          touch(similar, similarKey, record);
          let key = `${similarKey}|${s.fieldPath}|${s.message}`;
          let text = s.message;
          if (record.messages.size >= 10) {
            record.messages.delete(record.messages.values().next().value!);
            key = similarKey;
            text = COMBINED_PREFIX + s.message;
          }
          const index = observed.get(key);
          const existing = index === undefined ? undefined : events[index];
          if (existing && now < existing.lastMs + EVENT_TTL_MS) {
            Object.assign(existing, { count: existing.count + 1, message: text, lastMs: now });
            touch(observed, key, index!);
          } else {
            events.push({ object: obj.metadata.name!, reason: s.reason, type: s.type, fieldPath: s.fieldPath, message: text, count: 1, lastMs: now });
            touch(observed, key, events.length - 1);
          }
        }
        const now = sim.now();
        const describe = (e: { object: string; reason: string; type: string; fieldPath: string; message: string; count: number }) => `${e.object} ${e.type} ${e.reason} ${e.fieldPath} ${e.message} x${e.count}`;
        const expected = events.filter((e) => now < e.lastMs + EVENT_TTL_MS).map(describe).sort();
        const actual = sim.api
          .list<Event>('Event')
          .filter((e) => e.involvedObject.name?.startsWith('subject-'))
          .map((e) => describe({ object: e.involvedObject.name!, reason: e.reason!, type: e.type!, fieldPath: e.involvedObject.fieldPath ?? '', message: e.message!, count: e.count! }))
          .sort();
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
