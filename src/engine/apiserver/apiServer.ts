/**
 * The API server's REST semantics as plain functions over the store: the one write path.
 *
 * create: namespace checks, generateName, uid, creationTimestamp, defaulting, strategy, validation.
 * update: optimistic concurrency on resourceVersion (409), status-subresource separation,
 *         generation bumps on spec changes, immutability checks, finalization when the last
 *         finalizer goes.
 * patch:  merge / json / strategic, then update.
 * delete: propagation policy (Orphan / Foreground via finalizers, Background via the GC), graceful
 *         pod deletion (deletionTimestamp now + grace; the kubelet finishes it), finalizers.
 * A rejected write leaves the store untouched: all work happens on a private copy.
 */
import '../api/kinds/index.ts';
import { type KindDef, type PropagationPolicy, type StrategyContext, kindDef, allKinds } from '../api/kinds.ts';
import { type KubeObject, type Manifest, type Pod, clone, cloneSharing, deepEqual, keyOf, makeKey } from '../api/objects.ts';
import { formatTime } from '../api/time.ts';
import { type Selector, matches, parseSelector } from '../api/labels.ts';
import { NAME_SUFFIX_ALPHABET } from '../api/kinds/pod.ts';
import { required } from '../api/fieldErrors.ts';
import type { Store } from '../store/store.ts';
import type { Rng } from '../random/rng.ts';
import { StatusError, alreadyExists, badRequest, conflict, forbidden, invalid, notFound, qualifiedResource } from './errors.ts';
import { type FieldRequirement, matchesFields, parseFieldSelector, unsupportedField } from './fieldSelector.ts';
import { type PatchType, applyPatch } from './patch.ts';
import { decode, decodeStatus } from '../api/schema/decode.ts';

export interface WriteOptions {
  dryRun?: boolean;
  /** What unknown fields do (kubectl --validate): fail the request (default) or get dropped. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /**
   * Write a subresource instead of the main resource: `status`, or a Namespace's `finalize`
   * (the only way its spec.finalizers change).
   */
  subresource?: 'status' | 'finalize';
  /**
   * The object was built in-process for this call and is handed over (the event recorder's
   * Events, the kubelet's pod statuses): it is not JSON-decoded, as no wire format stands between
   * the caller and the server, and a whole object is not copied either (a status still shares
   * what did not change with the stored one). Defaulting and validation still apply.
   */
  owned?: boolean;
}

/** The options of a status write (one object each: kubelets write statuses all the time). */
const STATUS_WRITE: WriteOptions = { subresource: 'status' };
const OWNED_STATUS_WRITE: WriteOptions = { subresource: 'status', owned: true };

/** Remove a field. Most are absent, and `delete` of an absent key still costs a runtime call. */
function drop(obj: object, key: string): void {
  if (key in obj) delete (obj as Record<string, unknown>)[key];
}

export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | Selector;
  fieldSelector?: string;
}

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

const GENERATED_NAME_LIMIT = 63 - 5;

/** The parts of an object that are not its spec, for generation tracking. */
function specPart(obj: KubeObject): string {
  const { metadata: _m, status: _s, ...rest } = obj;
  return JSON.stringify(rest);
}

export class ApiServer {
  private readonly ctx: StrategyContext;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    rng: Rng,
  ) {
    this.ctx = {
      get nowMs() {
        return now();
      },
      rng,
      get: (kind, ns, name) => store.get(kind, makeKey(ns, name)),
    };
  }

  /** The KindDef for a manifest's apiVersion + kind, or a NotFound-style error kubectl can print. */
  kindFor(apiVersion: string | undefined, kind: string | undefined): KindDef {
    const def = kind ? kindDef(kind) : undefined;
    if (!kind) throw badRequest(`Object 'Kind' is missing in '${JSON.stringify({ apiVersion })}'`);
    if (!def || def.apiVersion !== apiVersion) {
      throw new StatusError('NotFound', `no matches for kind "${kind}" in version "${apiVersion ?? ''}"`);
    }
    return def;
  }

  private def(kind: string): KindDef {
    const def = kindDef(kind);
    if (!def) throw new StatusError('NotFound', `the server doesn't have a resource type "${kind}"`);
    return def;
  }

  // ---- reads ----

  tryGet<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const def = this.def(kind);
    return this.store.get<T>(kind, makeKey(def.namespaced ? namespace : undefined, name));
  }

  get<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string): T {
    const obj = this.tryGet<T>(kind, namespace, name);
    if (!obj) {
      const def = this.def(kind);
      throw notFound(def.plural, def.group, name);
    }
    return obj;
  }

  /** Objects of a kind, sorted by namespace then name (etcd key order), filtered by selectors. */
  list<T extends KubeObject = KubeObject>(kind: string, opts: ListOptions = {}): T[] {
    const def = this.def(kind);
    let labelSel: Selector = [];
    if (typeof opts.labelSelector === 'string') {
      const parsed = parseSelector(opts.labelSelector);
      if (parsed instanceof Error) throw badRequest(`unable to parse requirement: ${parsed.message.replace(/^unable to parse requirement: /, '')}`);
      labelSel = parsed;
    } else if (opts.labelSelector !== undefined) labelSel = opts.labelSelector;
    let fieldSel: FieldRequirement[] = [];
    if (opts.fieldSelector) {
      const parsed = parseFieldSelector(opts.fieldSelector);
      if (parsed instanceof Error) throw badRequest(parsed.message);
      const bad = unsupportedField(kind, parsed);
      if (bad) {
        throw badRequest(`Unable to find "${def.group}/${def.version}, Resource=${def.plural}" that match label selector "", field selector "${opts.fieldSelector}": field label not supported: ${bad}`);
      }
      fieldSel = parsed;
    }
    const out: T[] = [];
    for (const obj of this.store.list<T>(kind)) {
      if (def.namespaced && opts.namespace && obj.metadata.namespace !== opts.namespace) continue;
      if (labelSel && labelSel.length > 0 && !matches(labelSel, obj.metadata.labels)) continue;
      if (fieldSel.length > 0 && !matchesFields(obj, fieldSel)) continue;
      out.push(obj);
    }
    return out.sort(byNamespaceName);
  }

  // ---- writes ----

  create<T extends KubeObject = KubeObject>(manifest: Manifest, opts: WriteOptions = {}): T {
    const def = this.kindFor(manifest.apiVersion, manifest.kind);
    const obj = (opts.owned ? manifest : clone(manifest)) as unknown as KubeObject;
    if (!opts.owned) this.decode(def, obj, opts);
    obj.metadata = (obj.metadata ?? {}) as KubeObject['metadata'];
    const meta = obj.metadata;
    if (def.namespaced) {
      meta.namespace ||= 'default';
      this.checkNamespaceWritable(def, meta.namespace, meta.name ?? meta.generateName ?? '');
    } else drop(meta, 'namespace');
    if (!meta.name && meta.generateName) meta.name = this.generateName(def, meta.namespace, meta.generateName);
    if (!meta.name) throw invalid(def.kind, def.group, '', [required('metadata.name', 'name or generateName is required')]);
    // Fields the server owns on create.
    meta.uid = this.ctx.rng.uuid();
    meta.creationTimestamp = formatTime(this.now());
    drop(meta, 'deletionTimestamp');
    drop(meta, 'deletionGracePeriodSeconds');
    if (def.tracksGeneration) meta.generation = 1;
    else drop(meta, 'generation');
    if (def.hasStatus) drop(obj, 'status');
    def.defaults?.(obj);
    def.prepareForCreate?.(obj, this.ctx);
    const errs = def.validate?.(obj, this.ctx) ?? [];
    if (errs.length > 0) throw invalid(def.kind, def.group, meta.name, errs);
    const key = keyOf(obj);
    if (this.store.get(def.kind, key)) throw alreadyExists(def.plural, def.group, meta.name);
    if (opts.dryRun) {
      meta.resourceVersion = '';
      return obj as T;
    }
    meta.resourceVersion = this.store.nextResourceVersion();
    this.store.put(obj, key);
    return obj as T;
  }

  /** Replace an object (main resource or the status subresource). */
  update<T extends KubeObject = KubeObject>(input: KubeObject, opts: WriteOptions = {}): T {
    const def = this.def(input.kind);
    const name = input.metadata?.name;
    const key = makeKey(def.namespaced ? input.metadata.namespace || 'default' : undefined, name);
    const old = this.store.get(def.kind, key);
    if (!old) throw notFound(def.plural, def.group, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(def.plural, def.group, name);
    let obj: KubeObject;
    if (opts.subresource === 'status') {
      // Only the status changes: the new version shares everything else with the old one (stored
      // objects are immutable). Of a caller's status only what differs is copied (and decoded); an
      // owned status is taken as it is, once it is known to differ.
      let status: unknown;
      if (!opts.owned) status = cloneSharing(input.status, old.status);
      else status = deepEqual(input.status, old.status) ? old.status : input.status;
      if (def.prepareForStatusUpdate) obj = def.prepareForStatusUpdate({ ...input, status }, old);
      else {
        if (status === old.status) return old as T;
        // Nothing but the status differs, so the no-op check below has nothing to find.
        obj = { ...old, metadata: { ...old.metadata }, status };
        return this.commit(obj, old, key, opts) as T;
      }
      const error = opts.owned ? undefined : decodeStatus(def.kind, obj.status, old.status);
      if (error) throw this.undecodable(def, error);
    } else if (opts.subresource === 'finalize') {
      if (def.kind !== 'Namespace') throw notFound(def.plural, def.group, name);
      const finalizers = (input.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
      const { finalizers: _previous, ...spec } = (old.spec ?? {}) as { finalizers?: string[] };
      obj = { ...old, metadata: { ...old.metadata }, spec: finalizers.length > 0 ? { ...spec, finalizers: [...finalizers] } : spec };
      const errs = def.validate?.(obj, this.ctx) ?? [];
      if (errs.length > 0) throw invalid(def.kind, def.group, name, errs);
    } else {
      // What the caller left as it was stays shared with the stored version (known good, so not
      // decoded again); the top level and metadata are replaced below, so nothing stored is changed.
      obj = opts.owned ? input : { ...cloneSharing(input, old) };
      if (!opts.owned) this.decode(def, obj, opts, old);
      if (def.hasStatus) obj.status = old.status;
      // Server-owned metadata cannot change through an update.
      obj.metadata = {
        ...obj.metadata,
        name: old.metadata.name,
        uid: old.metadata.uid,
        creationTimestamp: old.metadata.creationTimestamp,
        ...(old.metadata.namespace ? { namespace: old.metadata.namespace } : {}),
        ...(old.metadata.generation !== undefined ? { generation: old.metadata.generation } : {}),
      };
      if (!def.namespaced) drop(obj.metadata, 'namespace');
      if (old.metadata.deletionTimestamp) {
        obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
        if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      } else {
        drop(obj.metadata, 'deletionTimestamp');
        drop(obj.metadata, 'deletionGracePeriodSeconds');
      }
      if (old.metadata.deletionTimestamp) {
        const added = (obj.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
        if (added.length > 0) {
          throw invalid(def.kind, def.group, name, [{ type: 'Forbidden', field: 'metadata.finalizers', detail: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}` }]);
        }
      }
      def.defaults?.(obj);
      def.prepareForUpdate?.(obj, old, this.ctx);
      if (def.tracksGeneration && specPart(obj) !== specPart(old)) obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
      const errs = [...(def.validate?.(obj, this.ctx, old) ?? []), ...(def.validateUpdate?.(obj, old, this.ctx) ?? [])];
      if (errs.length > 0) throw invalid(def.kind, def.group, name, errs);
    }
    // As etcd's GuaranteedUpdate: an update that changes nothing writes nothing (same
    // resourceVersion, no watch event), which also keeps controllers from echoing each other.
    if (deepEqual({ ...obj, metadata: { ...obj.metadata, resourceVersion: old.metadata.resourceVersion } }, old)) return old as T;
    return this.commit(obj, old, key, opts) as T;
  }

  /** Store a changed version of `old` (or remove it when its last finalizer went). */
  private commit(obj: KubeObject, old: KubeObject, key: string, opts: WriteOptions): KubeObject {
    if (opts.dryRun) return obj;
    obj.metadata.resourceVersion = this.store.nextResourceVersion();
    // ShouldDeleteDuringUpdate: the last finalizer going removes the object, unless a graceful
    // deletion is still running (a pod in its grace period goes when the kubelet's final delete comes).
    const graceRunning = (old.metadata.deletionGracePeriodSeconds ?? 0) > 0;
    if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0 && !graceRunning && this.readyToRemove(obj)) {
      this.store.remove(obj);
      return obj;
    }
    this.store.put(obj, key);
    return obj;
  }

  updateStatus<T extends KubeObject = KubeObject>(obj: KubeObject, opts: Pick<WriteOptions, 'owned'> = {}): T {
    return this.update<T>(obj, opts.owned ? OWNED_STATUS_WRITE : STATUS_WRITE);
  }

  patch<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions = {}): T {
    const current = this.get(kind, namespace, name);
    const patched = applyPatch(type, current, patch) as KubeObject;
    if (!patched || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('the patch did not produce an object');
    // A patch is based on the current version unless it carries its own resourceVersion.
    const rv = (patch as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion;
    patched.metadata = { ...patched.metadata, resourceVersion: rv ?? current.metadata.resourceVersion };
    patched.kind = current.kind;
    patched.apiVersion = current.apiVersion;
    return this.update<T>(patched, opts);
  }

  /**
   * DELETE. Returns the object's last state: gone from the store, or still there with a
   * deletionTimestamp while finalizers or a graceful pod termination are pending.
   */
  delete<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): T {
    const def = this.def(kind);
    const current = this.get(kind, namespace, name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== current.metadata.uid) {
      throw conflict(def.plural, def.group, name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(def.plural, def.group, name, `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`);
    }
    // Only metadata changes (and a Namespace's status, replaced whole): the rest stays shared.
    const obj: KubeObject = { ...current, metadata: { ...current.metadata } };
    const meta = obj.metadata;
    const propagation = opts.propagationPolicy ?? def.defaultPropagation ?? 'Background';
    const finalizers = new Set(meta.finalizers ?? []);
    if (propagation === 'Orphan') {
      finalizers.add(FINALIZER_ORPHAN);
      finalizers.delete(FINALIZER_FOREGROUND);
    } else if (propagation === 'Foreground') {
      finalizers.add(FINALIZER_FOREGROUND);
      finalizers.delete(FINALIZER_ORPHAN);
    }
    // Background on an object that has no dependents needs no GC finalizer; Orphan/Foreground
    // finalizers are only worth adding when something depends on the object.
    if (!this.store.hasDependents(meta.uid) && !meta.deletionTimestamp) {
      finalizers.delete(FINALIZER_ORPHAN);
      finalizers.delete(FINALIZER_FOREGROUND);
    }
    meta.finalizers = [...finalizers];
    if (meta.finalizers.length === 0) delete meta.finalizers;

    const grace = kind === 'Pod' ? this.podGraceSeconds(obj as Pod, opts.gracePeriodSeconds) : 0;
    const nowMs = this.now();
    if (meta.deletionTimestamp) {
      // Already terminating: a shorter grace period may hurry it along.
      if (kind === 'Pod' && grace < (meta.deletionGracePeriodSeconds ?? Infinity)) {
        meta.deletionGracePeriodSeconds = grace;
        meta.deletionTimestamp = formatTime(nowMs + grace * 1000);
      } else if (JSON.stringify(meta.finalizers ?? []) === JSON.stringify(current.metadata.finalizers ?? [])) {
        return current as T;
      }
    } else if (grace > 0 || (meta.finalizers ?? []).length > 0 || kind === 'Namespace') {
      meta.deletionTimestamp = formatTime(nowMs + grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
      if (kind === 'Namespace') obj.status = { ...((obj.status as object) ?? {}), phase: 'Terminating' };
    }
    if (opts.dryRun) return obj as T;
    meta.resourceVersion = this.store.nextResourceVersion();
    const pending = meta.deletionTimestamp !== undefined && (grace > 0 || (meta.finalizers ?? []).length > 0 || !this.readyToRemove(obj));
    if (pending) {
      this.store.put(obj);
    } else {
      meta.deletionTimestamp ??= formatTime(nowMs);
      meta.deletionGracePeriodSeconds ??= 0;
      this.store.remove(obj);
    }
    return obj as T;
  }

  /**
   * POST pods/eviction: mark the pod with the DisruptionTarget condition, then delete it gracefully.
   * (PodDisruptionBudgets are checked by `checkEviction` hooks registered by the disruption code.)
   */
  evict(namespace: string, name: string, opts: { gracePeriodSeconds?: number; dryRun?: boolean } = {}): Pod {
    const pod = this.get<Pod>('Pod', namespace, name);
    for (const check of this.evictionChecks) check(pod);
    if (opts.dryRun) return pod;
    const phase = pod.status?.phase;
    if (!pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
      const status = clone(pod.status ?? {});
      const conditions = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null as unknown as string,
        lastTransitionTime: formatTime(this.now()),
        reason: 'EvictionByEvictionAPI',
        message: 'Eviction API: evicting',
      });
      status.conditions = conditions;
      this.updateStatus({ ...pod, status });
    }
    return this.delete<Pod>('Pod', namespace, name, opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {});
  }

  /** Hooks that may refuse an eviction by throwing (a 429 for a PodDisruptionBudget). */
  readonly evictionChecks: ((pod: Pod) => void)[] = [];

  /** POST pods/binding: the scheduler assigns a node. */
  bind(namespace: string, name: string, nodeName: string): Pod {
    const pod = this.get<Pod>('Pod', namespace, name);
    if (pod.spec?.nodeName) {
      throw conflict('pods', '', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    if (pod.metadata.deletionTimestamp) throw conflict('pods', '', name, `pod ${name} is being deleted, cannot be assigned to a host`);
    // The binding also records PodScheduled=True, as the registry's assignPod does. Everything
    // else is shared with the stored version, which is immutable.
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: formatTime(this.now()) });
    const bound: Pod = { ...pod, metadata: { ...pod.metadata }, spec: { ...pod.spec!, nodeName }, status: { ...pod.status, conditions } };
    bound.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(bound);
    return bound;
  }

  /** Decode a request body (a private copy) as Go's JSON decoder would; see api/schema/decode.ts. */
  private decode(def: KindDef, obj: KubeObject, opts: WriteOptions, old?: KubeObject): void {
    const error = decode(def.kind, obj, { strict: (opts.fieldValidation ?? 'Strict') === 'Strict', old });
    if (error) throw this.undecodable(def, error);
  }

  private undecodable(def: KindDef, error: string): StatusError {
    return badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${error}`);
  }

  /** Namespaces wait for their content to go (spec.finalizers, handled by the namespace controller). */
  private readyToRemove(obj: KubeObject): boolean {
    if (obj.kind !== 'Namespace') return true;
    return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length === 0;
  }

  /** Effective grace period of a pod delete: 0 for unscheduled or finished pods, else as asked or the pod's own. */
  private podGraceSeconds(pod: Pod, requested: number | undefined): number {
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    const g = requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, g);
  }

  /** The NamespaceLifecycle admission plugin: no new objects in missing or terminating namespaces. */
  private checkNamespaceWritable(def: KindDef, ns: string, name: string): void {
    const nsObj = this.store.get('Namespace', ns);
    if (!nsObj) throw notFound('namespaces', '', ns);
    if (nsObj.metadata.deletionTimestamp) {
      throw forbidden(`${qualifiedResource(def.plural, def.group)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  private generateName(def: KindDef, namespace: string | undefined, prefix: string): string {
    const base = prefix.length > GENERATED_NAME_LIMIT ? prefix.slice(0, GENERATED_NAME_LIMIT) : prefix;
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = base + this.ctx.rng.string(5, NAME_SUFFIX_ALPHABET);
      if (!this.store.get(def.kind, makeKey(namespace, name))) return name;
    }
    throw alreadyExists(def.plural, def.group, base);
  }

  /** Every kind the server serves (for discovery and `kubectl api-resources`). */
  kinds(): KindDef[] {
    return allKinds();
  }
}

function byNamespaceName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
