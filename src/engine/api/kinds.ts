/**
 * The kind registry: for each resource the API server serves, its names (plural, short names), scope,
 * and its registry strategy — defaulting (SetDefaults_*), create/update preparation and validation.
 * The API server is generic over this table; adding a kind means adding one file under `kinds/` and
 * listing it in `kinds/index.ts`.
 */
import type { FieldError } from './fieldErrors.ts';
import type { KubeObject } from './objects.ts';
import type { Rng } from '../random/rng.ts';

/** What a strategy may consult: virtual time, the API server's random stream, and read access. */
export interface StrategyContext {
  nowMs: number;
  rng: Rng;
  /** Read another object (e.g. a node, to default against it). */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
}

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface KindDef<T extends KubeObject = KubeObject> {
  kind: string;
  apiVersion: string;
  group: string;
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** `kubectl get all` membership and similar. */
  categories?: string[];
  /** Has a status subresource: updates of the main resource keep the stored status and vice versa. */
  hasStatus: boolean;
  /** metadata.generation starts at 1 and increments on every spec change. */
  tracksGeneration: boolean;
  /** SetDefaults_*: fills defaults in place on a private copy (create and update). */
  defaults?(obj: T): void;
  /** Strategy PrepareForCreate: e.g. Job selector generation. Runs after defaulting. */
  prepareForCreate?(obj: T, ctx: StrategyContext): void;
  /** Strategy PrepareForUpdate. */
  prepareForUpdate?(obj: T, old: T, ctx: StrategyContext): void;
  /**
   * The status strategy's PrepareForUpdate: what a status write keeps of the incoming object
   * (default: only its status). Deployments also take metadata such as annotations from it.
   */
  prepareForStatusUpdate?(obj: T, old: T): T;
  /**
   * ValidateX for create. Errors carry full field paths. On update it also gets the stored version:
   * a part the update shares with it (stored objects are immutable) was validated when it was stored.
   */
  validate?(obj: T, ctx: StrategyContext, old?: T): FieldError[];
  /** ValidateXUpdate (immutability and the like); create validation also runs on update. */
  validateUpdate?(obj: T, old: T, ctx: StrategyContext): FieldError[];
  /** Propagation when a DELETE names none (batch/v1 Job orphans for backward compatibility). */
  defaultPropagation?: PropagationPolicy;
  /** Metadata name rule: most kinds want a DNS-1123 subdomain, some a label. */
  nameRule?: 'subdomain' | 'label' | 'path-segment';
}

const byKind = new Map<string, KindDef>();
const byResource = new Map<string, KindDef>();

export function registerKind<T extends KubeObject>(def: KindDef<T>): void {
  const d = def as unknown as KindDef;
  byKind.set(d.kind, d);
  for (const name of [d.plural, d.singular, ...d.shortNames, d.kind.toLowerCase()]) byResource.set(name, d);
  if (d.group) {
    byResource.set(`${d.plural}.${d.group}`, d);
    byResource.set(`${d.singular}.${d.group}`, d);
    byResource.set(`${d.plural}.${d.version}.${d.group}`, d);
  }
}

/** Look a kind up by its Kind name (`Job`). */
export function kindDef(kind: string): KindDef | undefined {
  return byKind.get(kind);
}

/** Look a kind up the way kubectl resolves a resource argument: plural, singular, short name or Kind, any case. */
export function resolveResource(name: string): KindDef | undefined {
  return byResource.get(name) ?? byResource.get(name.toLowerCase());
}

export function allKinds(): KindDef[] {
  return [...byKind.values()];
}
