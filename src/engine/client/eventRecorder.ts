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
import { type Event, type KubeObject, clone } from '../api/objects.ts';
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

interface Observation {
  name: string;
  namespace: string;
}

interface SimilarEvents {
  /** The distinct messages seen; a lone message is kept as a string (most objects see one per reason). */
  messages: string | Set<string>;
  lastMs: number;
}

/** Add `message`; returns how many distinct messages there are now. */
function addMessage(similar: SimilarEvents, message: string): number {
  if (typeof similar.messages === 'string') {
    if (similar.messages === message) return 1;
    similar.messages = new Set([similar.messages, message]);
  } else similar.messages.add(message);
  return similar.messages.size;
}

interface LruEntry<V> {
  key: string;
  value: V;
  older: LruEntry<V> | undefined;
  newer: LruEntry<V> | undefined;
}

/**
 * A least-recently-used cache of CACHE_SIZE entries: a Map for lookup and a linked list for
 * recency, so a refresh moves one entry (a Map used as the list by delete-and-set slows down as
 * its deleted slots pile up at the front).
 */
class Lru<V> {
  private readonly entries = new Map<string, LruEntry<V>>();
  private oldest: LruEntry<V> | undefined;
  private newest: LruEntry<V> | undefined;

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Store `value` under `key` as the most recently used entry, evicting the oldest past the size. */
  put(key: string, value: V): void {
    let entry = this.entries.get(key);
    if (entry) {
      entry.value = value;
      if (entry === this.newest) return;
      this.unlink(entry);
    } else {
      entry = { key, value, older: undefined, newer: undefined };
      this.entries.set(key, entry);
      if (this.entries.size > CACHE_SIZE) {
        const evicted = this.oldest!;
        this.unlink(evicted);
        this.entries.delete(evicted.key);
      }
    }
    entry.older = this.newest;
    entry.newer = undefined;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  private unlink(entry: LruEntry<V>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
  }
}

export class EventRecorder {
  private readonly observed = new Lru<Observation>();
  private readonly similar = new Lru<SimilarEvents>();
  private readonly expiry: { dueMs: number; namespace: string; name: string }[] = [];
  private expiryHead = 0;
  private expiryTimer: Timer | undefined;
  private seq = 0;

  constructor(
    private readonly api: ApiServer,
    private readonly store: Store,
    private readonly clock: VirtualClock,
  ) {}

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
    // The aggregation key leaves out the message and the container (fieldPath); the dedup key has both.
    // The object's uid stands for its kind, namespace and name (keys stay short: they are hashed often).
    const similarKey = `${obj.metadata.uid}\u0000${source.component}\u0000${source.host ?? ''}\u0000${type}\u0000${reason}`;
    // Aggregation: past 10 distinct messages in the interval, similar events share one Event.
    const cached = this.similar.get(similarKey);
    let similar = cached;
    if (!similar || nowMs - similar.lastMs > AGGREGATE_INTERVAL_MS) similar = { messages: message, lastMs: nowMs };
    const distinct = addMessage(similar, message);
    similar.lastMs = nowMs;
    this.similar.put(similarKey, similar);
    let key = `${similarKey}\u0000${source.fieldPath ?? ''}\u0000${message}`;
    let text = message;
    if (distinct >= AGGREGATE_MAX_EVENTS && similar.messages instanceof Set) {
      similar.messages.delete(similar.messages.values().next().value!);
      key = similarKey;
      text = COMBINED_PREFIX + message;
    }
    // Dedup: the same event again is the same Event, counted once more. Both caches take one entry
    // per event, so an aggregation key gone from its cache has taken every dedup key it prefixes
    // with it: a first-seen aggregation key needs no dedup lookup.
    const prior = cached ? this.observed.get(key) : undefined;
    const existing = prior && this.store.get<Event>('Event', `${prior.namespace}/${prior.name}`);
    if (prior && existing) {
      const updated = clone(existing);
      updated.count = (existing.count ?? 1) + 1;
      updated.lastTimestamp = formatTime(nowMs);
      updated.message = text;
      this.api.update(updated, { owned: true });
      this.observed.put(key, prior);
      this.scheduleExpiry(prior.namespace, prior.name, nowMs);
      return;
    }
    // The Event is stored as built (not via JSON), so no key may hold undefined.
    const involved: ObjectReference = { kind: obj.kind };
    if (obj.metadata.namespace) involved.namespace = obj.metadata.namespace;
    involved.name = obj.metadata.name;
    involved.uid = obj.metadata.uid;
    involved.apiVersion = obj.apiVersion;
    if (obj.metadata.resourceVersion !== undefined) involved.resourceVersion = obj.metadata.resourceVersion;
    if (source.fieldPath) involved.fieldPath = source.fieldPath;
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
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
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
    this.observed.put(key, { name, namespace });
    this.scheduleExpiry(namespace, name, nowMs);
  }

  /**
   * client-go names events `<object>.<unix nanoseconds in hex>`; a sequence keeps same-instant
   * events apart. Nanoseconds exceed 2^53, so the hex is computed in two exact halves of 24 bits.
   */
  private uniqueSuffix(nowMs: number): string {
    const high = Math.floor(nowMs / 2 ** 24);
    const low = (nowMs % 2 ** 24) * 1e6 + (this.seq++ % 1_000_000);
    const top = high * 1e6 + Math.floor(low / 2 ** 24);
    return top.toString(16) + (low % 2 ** 24).toString(16).padStart(6, '0');
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
