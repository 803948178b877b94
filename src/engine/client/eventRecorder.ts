/**
 * Records core/v1 Events the way client-go's recorder + EventCorrelator do: an identical event
 * (same object, type, reason, message and source) within 10 minutes bumps `count` and
 * `lastTimestamp` of the existing Event instead of creating a new one; Events expire one hour after
 * their last update (the API server's --event-ttl), so long simulations stay flat in memory. As in
 * client-go, only the 4096 most recently seen events are remembered for aggregation (an LRU).
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
const AGGREGATION_WINDOW_MS = 10 * MINUTE_MS;
/** client-go's maxLruCacheEntries. */
const AGGREGATION_CACHE_SIZE = 4096;

export class EventRecorder {
  private readonly recent = new Map<string, { name: string; namespace: string; lastMs: number }>();
  private readonly expiry: { dueMs: number; namespace: string; name: string }[] = [];
  private expiryHead = 0;
  private expiryTimer: Timer | undefined;
  private seq = 0;

  constructor(
    private readonly api: ApiServer,
    private readonly store: Store,
    private readonly clock: VirtualClock,
  ) {}

  /**
   * Record an event. Like client-go's recorder this never fails its caller: an event the API server
   * rejects (say, in a namespace being deleted) is dropped.
   */
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
    const involved: ObjectReference = {
      kind: obj.kind,
      namespace: obj.metadata.namespace,
      name: obj.metadata.name,
      uid: obj.metadata.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: obj.metadata.resourceVersion,
      ...(source.fieldPath ? { fieldPath: source.fieldPath } : {}),
    };
    if (!involved.namespace) delete involved.namespace;
    const aggKey = [source.component, source.host ?? '', obj.kind, namespace, obj.metadata.name, obj.metadata.uid, source.fieldPath ?? '', type, reason, message].join('\u0000');
    const prior = this.recent.get(aggKey);
    if (prior && nowMs - prior.lastMs <= AGGREGATION_WINDOW_MS) {
      const existing = this.store.get<Event>('Event', `${prior.namespace}/${prior.name}`);
      if (existing) {
        const updated = clone(existing);
        updated.count = (existing.count ?? 1) + 1;
        updated.lastTimestamp = formatTime(nowMs);
        this.api.update(updated);
        prior.lastMs = nowMs;
        this.remember(aggKey, prior);
        this.scheduleExpiry(prior.namespace, prior.name, nowMs);
        return;
      }
    }
    const name = `${obj.metadata.name}.${this.uniqueSuffix(nowMs)}`;
    const time = formatTime(nowMs);
    this.api.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
    this.remember(aggKey, { name, namespace, lastMs: nowMs });
    this.scheduleExpiry(namespace, name, nowMs);
  }

  /** Put `key` at the most-recent end of the LRU, dropping the least recent beyond the cap. */
  private remember(key: string, entry: { name: string; namespace: string; lastMs: number }): void {
    this.recent.delete(key);
    this.recent.set(key, entry);
    if (this.recent.size > AGGREGATION_CACHE_SIZE) this.recent.delete(this.recent.keys().next().value!);
  }

  /** client-go names events `<object>.<unix nanoseconds in hex>`; a sequence keeps same-instant events apart. */
  private uniqueSuffix(nowMs: number): string {
    const nanos = BigInt(nowMs) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return nanos.toString(16);
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
