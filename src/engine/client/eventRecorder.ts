/**
 * Records core/v1 Events the way client-go's recorder and EventCorrelator do
 * (tools/record/events_cache.go, in our words):
 *
 * - dedup: an event identical to one already recorded (same source, object, type, reason and
 *   message) bumps that Event's `count` and `lastTimestamp` instead of creating another;
 * - aggregation: once 10 different messages of the same source, object, type and reason arrive
 *   within 10 minutes, the rest fold into one Event whose message reads
 *   `(combined from similar events): <latest message>`;
 * - both caches are LRUs of 4096 entries, and Events expire one hour after their last update (the
 *   API server's --event-ttl), so long simulations stay flat in memory;
 * - recording never fails the caller: an Event the API server rejects is dropped.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { ApiServer } from '../apiserver/apiServer.ts';
import type { VirtualClock, Timer } from '../clock/clock.ts';
import type { Event, KubeObject } from '../api/objects.ts';
import { formatTime, HOUR_MS, MINUTE_MS, parseTime } from '../api/time.ts';
import type { Store } from '../store/store.ts';
import { StatusError } from '../apiserver/errors.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
  /** e.g. `spec.containers{nginx}` for container-level kubelet events. */
  fieldPath?: string;
}

export const EVENT_TTL_MS = HOUR_MS;
/** client-go's defaultAggregateIntervalInSeconds and defaultAggregateMaxEvents. */
const AGGREGATE_INTERVAL_MS = 10 * MINUTE_MS;
const AGGREGATE_MAX_EVENTS = 10;
/** client-go's maxLruCacheEntries. */
const CACHE_SIZE = 4096;
export const COMBINED_PREFIX = '(combined from similar events): ';

/**
 * The two caches of client-go's correlator are LRUs of CACHE_SIZE string-keyed entries: the
 * aggregation key (object, source, type, reason) and the dedup key (that, plus the container and
 * the message). Recording is hot — a pod's start records four events — and building and hashing
 * those long keys was most of its cost. Here the entries live with their object instead: the
 * aggregation entries in a short list per object uid, each holding its dedup entries. Two recency
 * lists give both caches their exact LRU order and eviction.
 */
interface Recent {
  older: Recent | undefined;
  newer: Recent | undefined;
}

/** One aggregation key's record: the distinct messages seen lately, and the Events they made. */
interface SimilarEvents extends Recent {
  uid: string;
  component: string;
  host: string;
  type: EventType;
  reason: string;
  /** The distinct messages seen; a lone message is kept as a string (most objects see one per reason). */
  messages: string | Set<string>;
  lastMs: number;
  /** Its dedup entries: usually one, inline; a map by `fieldPath\0message` past that. */
  seen: Observation | Map<string, Observation> | undefined;
  /** The dedup entry of the combined Event (whose key is the aggregation key alone). */
  combined: Observation | undefined;
}

/** A dedup entry: the Event an event was recorded on. */
interface Observation extends Recent {
  parent: SimilarEvents;
  /** undefined for the combined Event. */
  fieldPath: string | undefined;
  message: string | undefined;
  name: string;
  namespace: string;
}

/** Add `message`; returns how many distinct messages there are now. */
function addMessage(similar: SimilarEvents, message: string): number {
  if (typeof similar.messages === 'string') {
    if (similar.messages === message) return 1;
    similar.messages = new Set([similar.messages, message]);
  } else similar.messages.add(message);
  return similar.messages.size;
}

/** Recency order of one cache: `touch` makes an entry the newest and returns any entry pushed out. */
class RecencyList<E extends Recent> {
  private oldest: E | undefined;
  private newest: E | undefined;
  private size = 0;

  constructor(private readonly capacity: number) {}

  touch(entry: E, added: boolean): E | undefined {
    if (!added) {
      if (entry === this.newest) return undefined;
      this.unlink(entry);
    } else this.size++;
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
    if (this.size <= this.capacity) return undefined;
    const evicted = this.oldest!;
    this.unlink(evicted);
    this.size--;
    return evicted;
  }

  private unlink(entry: E): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer as E | undefined;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older as E | undefined;
  }
}

/** The char code of hex digit `d` (0–15, lower case). */
const hexDigit = (d: number): number => d + (d < 10 ? 48 : 87);

/**
 * The Event's involvedObject. It is stored as built (not via JSON), so no key may hold undefined;
 * the usual shapes are built whole (an object given its keys one by one keeps them out of line).
 */
function referenceTo(obj: KubeObject, fieldPath: string | undefined): ObjectReference {
  const { kind, apiVersion } = obj;
  const { namespace, name, uid, resourceVersion } = obj.metadata;
  if (namespace && resourceVersion !== undefined) {
    return fieldPath ? { kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath } : { kind, namespace, name, uid, apiVersion, resourceVersion };
  }
  const ref: ObjectReference = { kind };
  if (namespace) ref.namespace = namespace;
  ref.name = name;
  ref.uid = uid;
  ref.apiVersion = apiVersion;
  if (resourceVersion !== undefined) ref.resourceVersion = resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

const dedupKey = (fieldPath: string | undefined, message: string): string => `${fieldPath ?? ''}\u0000${message}`;

export class EventRecorder {
  /** Aggregation entries by object uid. */
  private readonly similarByUid = new Map<string, SimilarEvents[]>();
  private readonly similarOrder: RecencyList<SimilarEvents>;
  private readonly observedOrder: RecencyList<Observation>;
  private readonly expiry: { dueMs: number; namespace: string; name: string }[] = [];
  private expiryHead = 0;
  private expiryTimer: Timer | undefined;
  private seq = 0;
  private suffixTop = -1;
  private suffixTopHex = '';
  /** One `source` per component and host, shared by their Events (stored objects are never changed). */
  private readonly sources = new Map<string, Map<string, Event['source']>>();

  constructor(
    private readonly api: ApiServer,
    private readonly store: Store,
    private readonly clock: VirtualClock,
    /** Entries per cache; client-go's, except in tests of eviction. */
    cacheSize = CACHE_SIZE,
  ) {
    this.similarOrder = new RecencyList(cacheSize);
    this.observedOrder = new RecencyList(cacheSize);
  }

  /** Record an event on `obj`. Never throws for API errors (the event is dropped, as in client-go). */
  record(obj: KubeObject, type: EventType, reason: string, message: string, source: EventSource): void {
    try {
      this.write(obj, type, reason, message, source);
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
    }
  }

  private write(obj: KubeObject, type: EventType, reason: string, message: string, source: EventSource): void {
    const nowMs = this.clock.nowMs;
    const namespace = obj.metadata.namespace || 'default';
    // Aggregation: past 10 distinct messages in the interval, similar events share one Event.
    // The key leaves out the message and the container (fieldPath).
    const uid = obj.metadata.uid!;
    const host = source.host ?? '';
    const cached = this.findSimilar(uid, source.component, host, type, reason);
    let similar = cached;
    if (!similar) {
      similar = { uid, component: source.component, host, type, reason, messages: message, lastMs: nowMs, seen: undefined, combined: undefined, older: undefined, newer: undefined };
      let list = this.similarByUid.get(uid);
      if (!list) this.similarByUid.set(uid, (list = []));
      list.push(similar);
    } else if (nowMs - similar.lastMs > AGGREGATE_INTERVAL_MS) similar.messages = message;
    const distinct = addMessage(similar, message);
    similar.lastMs = nowMs;
    const evicted = this.similarOrder.touch(similar, !cached);
    if (evicted) this.forgetSimilar(evicted);
    let combine = false;
    let text = message;
    if (distinct >= AGGREGATE_MAX_EVENTS && similar.messages instanceof Set) {
      similar.messages.delete(similar.messages.values().next().value!);
      combine = true;
      text = COMBINED_PREFIX + message;
    }
    // Dedup: the same event again is the same Event, counted once more.
    const fieldPath = combine ? undefined : (source.fieldPath ?? '');
    const prior = combine ? similar.combined : this.findObserved(similar, fieldPath!, message);
    const existing = prior && this.store.get<Event>('Event', `${prior.namespace}/${prior.name}`);
    if (prior && existing) {
      // Only top-level fields change; the rest stays shared with the stored version.
      const updated: Event = { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: formatTime(nowMs), message: text };
      this.api.update(updated, { owned: true });
      this.observedOrder.touch(prior, false);
      this.scheduleExpiry(prior.namespace, prior.name, nowMs);
      return;
    }
    const involved = referenceTo(obj, source.fieldPath);
    const name = `${obj.metadata.name}.${this.uniqueSuffix(nowMs)}`;
    const time = formatTime(nowMs);
    this.api.create(
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: involved,
        reason,
        message: text,
        source: this.sourceOf(source.component, host),
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      },
      { owned: true },
    );
    if (prior) {
      // Its Event expired: the entry now stands for the new one.
      prior.name = name;
      prior.namespace = namespace;
      this.observedOrder.touch(prior, false);
    } else this.remember(similar, { parent: similar, fieldPath, message: combine ? undefined : message, name, namespace, older: undefined, newer: undefined });
    this.scheduleExpiry(namespace, name, nowMs);
  }

  private sourceOf(component: string, host: string): Event['source'] {
    let byHost = this.sources.get(component);
    if (!byHost) this.sources.set(component, (byHost = new Map()));
    let shared = byHost.get(host);
    if (!shared) byHost.set(host, (shared = Object.freeze(host ? { component, host } : { component })));
    return shared;
  }

  private findSimilar(uid: string, component: string, host: string, type: EventType, reason: string): SimilarEvents | undefined {
    const list = this.similarByUid.get(uid);
    if (list) for (const s of list) if (s.reason === reason && s.type === type && s.component === component && s.host === host) return s;
    return undefined;
  }

  private findObserved(similar: SimilarEvents, fieldPath: string, message: string): Observation | undefined {
    const seen = similar.seen;
    if (seen === undefined) return undefined;
    if (seen instanceof Map) return seen.get(dedupKey(fieldPath, message));
    return seen.fieldPath === fieldPath && seen.message === message ? seen : undefined;
  }

  private remember(similar: SimilarEvents, observation: Observation): void {
    if (observation.message === undefined) similar.combined = observation;
    else if (similar.seen === undefined) similar.seen = observation;
    else {
      if (!(similar.seen instanceof Map)) similar.seen = new Map([[dedupKey(similar.seen.fieldPath, similar.seen.message!), similar.seen]]);
      similar.seen.set(dedupKey(observation.fieldPath, observation.message), observation);
    }
    const evicted = this.observedOrder.touch(observation, true);
    if (evicted) this.forgetObserved(evicted);
  }

  private forgetObserved(observation: Observation): void {
    const parent = observation.parent;
    if (observation.message === undefined) parent.combined = undefined;
    else if (parent.seen instanceof Map) {
      parent.seen.delete(dedupKey(observation.fieldPath, observation.message));
      if (parent.seen.size === 0) parent.seen = undefined;
    } else parent.seen = undefined;
  }

  /**
   * An aggregation entry left its cache. Its dedup entries need nothing: both caches take one entry
   * per event, and an aggregation entry is refreshed with each of its dedup entries, so at most one
   * of them is left, the oldest — and this event's new dedup entry pushes it out.
   */
  private forgetSimilar(similar: SimilarEvents): void {
    const list = this.similarByUid.get(similar.uid)!;
    if (list.length === 1) return void this.similarByUid.delete(similar.uid);
    // Order within an object's list does not matter: move the last entry into the gap.
    const last = list.pop()!;
    if (last !== similar) list[list.indexOf(similar)] = last;
  }

  /**
   * client-go names events `<object>.<unix nanoseconds in hex>`; a sequence keeps same-instant
   * events apart. Nanoseconds exceed 2^53, so the hex is computed in two exact halves of 24 bits.
   */
  private uniqueSuffix(nowMs: number): string {
    const high = Math.floor(nowMs / 2 ** 24);
    const low = (nowMs % 2 ** 24) * 1e6 + (this.seq++ % 1_000_000);
    const top = high * 1e6 + Math.floor(low / 2 ** 24);
    // The top digits change about once a virtual quarter second: format them once.
    if (top !== this.suffixTop) {
      this.suffixTop = top;
      this.suffixTopHex = top.toString(16);
    }
    const l = low % 2 ** 24;
    return this.suffixTopHex + String.fromCharCode(hexDigit(l >>> 20), hexDigit((l >>> 16) & 15), hexDigit((l >>> 12) & 15), hexDigit((l >>> 8) & 15), hexDigit((l >>> 4) & 15), hexDigit(l & 15));
  }

  private scheduleExpiry(namespace: string, name: string, lastMs: number): void {
    this.expiry.push({ dueMs: lastMs + EVENT_TTL_MS, namespace, name });
    if (!this.expiryTimer || this.expiryTimer.cancelled) this.armExpiry();
  }

  private armExpiry(): void {
    const next = this.expiry[this.expiryHead];
    if (!next) return;
    this.expiryTimer = this.clock.at(next.dueMs, 'events:ttl', () => this.expire());
  }

  private expire(): void {
    const nowMs = this.clock.nowMs;
    while (this.expiryHead < this.expiry.length && this.expiry[this.expiryHead]!.dueMs <= nowMs) {
      const { namespace, name } = this.expiry[this.expiryHead++]!;
      const ev = this.store.get<Event>('Event', `${namespace}/${name}`);
      const last = parseTime(ev?.lastTimestamp) ?? 0;
      if (ev && last + EVENT_TTL_MS <= nowMs) this.api.delete('Event', namespace, name);
    }
    if (this.expiryHead > 4096) {
      this.expiry.splice(0, this.expiryHead);
      this.expiryHead = 0;
    }
    this.armExpiry();
  }
}
