import { describe, expect, it } from 'vitest';
import type { Event, KubeObject } from '../api/objects.ts';
import { createTestSim } from '../testing/harness.ts';
import type { Simulation } from '../sim/simulation.ts';
import { COMBINED_PREFIX, EVENT_TTL_MS } from './eventRecorder.ts';

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
});
