/**
 * Decoding a request body the way the API server's JSON decoder does, before any defaulting or
 * validation (k8s.io/apiserver handlers + sigs.k8s.io/json, in our words):
 *
 * - a value of the wrong JSON type fails the request with Go's message, naming the innermost struct
 *   and the field path without list indices:
 *   `json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container`
 *   (the first such error wins, in document order);
 * - quantities are parsed on the way in (`quantities must match the regular expression ...`);
 * - unknown fields are dropped; with strict field validation (kubectl's default) they fail the
 *   request: `strict decoding error: unknown field "spec.containers[0].imagePullPolice"` (all, joined);
 * - nulls behave as in Go: a null struct field is as good as absent, a null list element or map
 *   value becomes its type's zero value, and null times stay null.
 *
 * `decode` normalises the nulls of the object it is given in place (callers pass a private copy),
 * so everything downstream can trust the shapes TypeScript promises.
 */
import { parseQuantity, QUANTITY_ERROR } from '../quantity.ts';
import { invalidBase64At } from '../base64.ts';
import { API_SCHEMA } from './generated.ts';
import type { FieldType, StructSchema } from './types.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const INT32_MAX = 2 ** 31 - 1;

class DecodeState {
  typeError: string | undefined;
  readonly unknown: string[] = [];

  fail(message: string): void {
    this.typeError ??= message;
  }
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

function isStructKey(t: string): boolean {
  return t.includes('/');
}

/** The Go type name of a field type, as Go's decoder prints it. */
export function goTypeName(t: FieldType): string {
  if (Array.isArray(t)) {
    if (t[0] === 'list') return `[]${goTypeName(t[1])}`;
    return t[1] === 'quantity' ? 'v1.ResourceList' : `map[string]${goTypeName(t[1])}`;
  }
  switch (t) {
    case 'quantity':
      return 'resource.Quantity';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'time':
      return 'v1.Time';
    case 'bytes':
      return '[]uint8';
    case 'any':
      return 'runtime.RawExtension';
    default:
      return isStructKey(t) ? API_SCHEMA.structs[t]!.go : t;
  }
}

/** The zero value Go leaves behind for a null list element or map value. */
function zeroValue(t: FieldType): unknown {
  if (Array.isArray(t)) return t[0] === 'list' ? [] : {};
  if (t === 'bool') return false;
  if (t === 'int32' || t === 'int64') return 0;
  if (t === 'time' || t === 'any') return null;
  if (t === 'quantity') return '0';
  if (t === 'bytes') return '';
  if (t === 'intOrString') return 0;
  return isStructKey(t) ? {} : '';
}

/**
 * Where a value sits: a chain of field names and list indices, turned into text only when an
 * error needs it (the happy path builds no strings). `struct` is the Go struct holding the field.
 */
interface Loc {
  parent: Loc | undefined;
  key: string | number;
  struct: string;
}

function goPath(loc: Loc | undefined): string {
  const keys: string[] = [];
  for (let l = loc; l; l = l.parent) if (typeof l.key === 'string') keys.push(l.key);
  return keys.reverse().join('.');
}

/** `spec.containers[0].name`: the path of field `key` under `loc`, list indices included. */
function fieldPath(loc: Loc | undefined, key: string): string {
  const segments: (string | number)[] = [key];
  for (let l = loc; l; l = l.parent) segments.push(l.key);
  let text = '';
  for (const seg of segments.reverse()) text += typeof seg === 'number' ? `[${seg}]` : text ? `.${seg}` : seg;
  return text;
}

function unmarshalError(value: unknown, t: FieldType, at: Loc, numberText?: string): string {
  const what = numberText !== undefined ? `number ${numberText}` : jsonKind(value);
  return `json: cannot unmarshal ${what} into Go struct field ${at.struct}.${goPath(at)} of type ${goTypeName(t)}`;
}

function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  // parseQuantity remembers the strings it has seen (they repeat: "100m", "8Gi"...).
  return typeof value === 'string' && value.trim() === value && parseQuantity(value) !== undefined;
}

/**
 * A check of one value against one field type. The location comes in pieces (parent, key, struct)
 * and only becomes a Loc when a child needs a parent or an error needs a path: decoding a valid
 * object allocates almost nothing. `old` is the same place in the previous version of the object:
 * a subtree shared with it (see cloneSharing) was decoded when it was stored, and is skipped.
 */
type Checker = (value: unknown, parent: Loc | undefined, key: string | number, struct: string, state: DecodeState, old: unknown) => void;

/** A struct's fields with their checkers, compiled on first use. */
interface CompiledStruct {
  /** The Go struct name errors name (`PodSpec`). */
  name: string;
  fields: Map<string, { type: FieldType; check: Checker }>;
}

const checkers = new Map<FieldType, Checker>();
const structs = new Map<string, CompiledStruct>();

/** The checker of field type `t`, built once (the schema is immutable). */
function checkerOf(t: FieldType): Checker {
  let check = checkers.get(t);
  if (!check) checkers.set(t, (check = buildChecker(t)));
  return check;
}

function compiledStruct(key: string): CompiledStruct {
  let compiled = structs.get(key);
  if (!compiled) {
    const schema: StructSchema = API_SCHEMA.structs[key]!;
    // Struct checkers compile their own fields lazily, so recursive types are no trouble.
    const fields = new Map(Object.entries(schema.fields).map(([name, type]) => [name, { type, check: checkerOf(type) }]));
    compiled = { name: schema.go.slice(schema.go.indexOf('.') + 1), fields };
    structs.set(key, compiled);
  }
  return compiled;
}

const loc = (parent: Loc | undefined, key: string | number, struct: string): Loc => ({ parent, key, struct });

function buildChecker(t: FieldType): Checker {
  if (Array.isArray(t)) {
    const [shape, elem] = t;
    const zero = zeroValue(elem);
    if (shape === 'list') {
      return (value, parent, key, struct, state, old) => {
        if (!Array.isArray(value)) return state.fail(unmarshalError(value, t, loc(parent, key, struct)));
        const check = checkerOf(elem);
        const here = loc(parent, key, struct);
        const before = Array.isArray(old) ? old : undefined;
        for (let i = 0; i < value.length; i++) {
          if (value[i] === null || value[i] === undefined) value[i] = structuredZero(zero);
          else if (value[i] !== before?.[i]) check(value[i], here, i, struct, state, before?.[i]);
        }
      };
    }
    return (value, parent, key, struct, state, old) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return state.fail(unmarshalError(value, t, loc(parent, key, struct)));
      const check = checkerOf(elem);
      const map = value as Record<string, unknown>;
      const before = isRecord(old) ? old : undefined;
      for (const k in map) {
        if (map[k] === null || map[k] === undefined) map[k] = structuredZero(zero);
        else if (map[k] !== before?.[k]) check(map[k], parent, key, struct, state, before?.[k]);
      }
    };
  }
  switch (t) {
    case 'string':
      return (value, parent, key, struct, state) => {
        if (typeof value !== 'string') state.fail(unmarshalError(value, t, loc(parent, key, struct)));
      };
    case 'bool':
      return (value, parent, key, struct, state) => {
        if (typeof value !== 'boolean') state.fail(unmarshalError(value, t, loc(parent, key, struct)));
      };
    case 'int32':
    case 'int64':
      return (value, parent, key, struct, state) => {
        if (typeof value !== 'number') state.fail(unmarshalError(value, t, loc(parent, key, struct)));
        else if (!Number.isSafeInteger(value) || (t === 'int32' && Math.abs(value) > INT32_MAX)) state.fail(unmarshalError(value, t, loc(parent, key, struct), String(value)));
      };
    case 'quantity':
      return (value, _parent, _key, _struct, state) => {
        if (!isQuantity(value)) state.fail(QUANTITY_ERROR);
      };
    case 'intOrString':
      return (value, _parent, _key, _struct, state) => {
        if (typeof value === 'string') return;
        if (typeof value !== 'number') state.fail(`json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`);
        else if (!Number.isInteger(value) || Math.abs(value) > INT32_MAX) state.fail(`json: cannot unmarshal number ${value} into Go value of type int32`);
      };
    case 'time':
      return (value, _parent, _key, _struct, state) => {
        if (typeof value !== 'string') state.fail(`json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
        else if (!RFC3339.test(value)) state.fail(`parsing time "${value}" as "2006-01-02T15:04:05Z07:00": cannot parse "${value}" as "2006"`);
      };
    case 'bytes':
      return (value, parent, key, struct, state) => {
        if (typeof value !== 'string') return state.fail(unmarshalError(value, t, loc(parent, key, struct)));
        const bad = invalidBase64At(value);
        if (bad !== undefined) state.fail(`illegal base64 data at input byte ${bad}`);
      };
    case 'any':
      return () => {};
  }
  if (!isStructKey(t)) {
    // A Go named string type (v1.RestartPolicy...).
    return (value, parent, key, struct, state) => {
      if (typeof value !== 'string') state.fail(unmarshalError(value, t, loc(parent, key, struct)));
    };
  }
  return (value, parent, key, struct, state, old) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return state.fail(unmarshalError(value, t, loc(parent, key, struct)));
    decodeStruct(value as Record<string, unknown>, compiledStruct(t), loc(parent, key, struct), state, old);
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A fresh copy of a zero value (lists and maps must not be shared between elements). */
function structuredZero(zero: unknown): unknown {
  if (Array.isArray(zero)) return [];
  return zero !== null && typeof zero === 'object' ? {} : zero;
}

function decodeStruct(obj: Record<string, unknown>, schema: CompiledStruct, at: Loc | undefined, state: DecodeState, old?: unknown): void {
  const struct = schema.name;
  const before = isRecord(old) ? old : undefined;
  for (const key in obj) {
    const field = schema.fields.get(key);
    if (field === undefined) {
      // Go's decoder drops what it does not know; strict validation also reports it.
      state.unknown.push(fieldPath(at, key));
      delete obj[key];
      continue;
    }
    const value = obj[key];
    if (value === null || value === undefined) {
      if (field.type !== 'time') delete obj[key];
      continue;
    }
    if (value !== before?.[key]) field.check(value, at, key, struct, state, before?.[key]);
  }
}

/**
 * Decode `obj` (a private copy; nulls are normalised in place) as a `kind`. Returns the decoder's
 * error text, or undefined when it decodes. Kinds without a schema decode as anything. With `old`
 * (the stored version, on an update), subtrees `obj` shares with it are known good and skipped.
 */
export function decode(kind: string, obj: unknown, options: { strict?: boolean; old?: unknown } = {}): string | undefined {
  const root = Object.hasOwn(API_SCHEMA.roots, kind) ? API_SCHEMA.roots[kind] : undefined;
  if (!root) return undefined;
  const state = new DecodeState();
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return `json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${goTypeName(root)}`;
  decodeStruct(obj as Record<string, unknown>, compiledStruct(root), undefined, state, options.old);
  if (state.typeError) return state.typeError;
  if (options.strict !== false && state.unknown.length > 0) {
    return `strict decoding error: ${state.unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
  }
  return undefined;
}

/**
 * Decode only the status of a `kind` (status subresource writes). Subtrees shared with `oldStatus`
 * (the stored version's status) are known good and skipped.
 */
export function decodeStatus(kind: string, status: unknown, oldStatus?: unknown): string | undefined {
  const root = Object.hasOwn(API_SCHEMA.roots, kind) ? API_SCHEMA.roots[kind] : undefined;
  const statusType = root ? API_SCHEMA.structs[root]!.fields.status : undefined;
  if (!statusType) return undefined;
  const state = new DecodeState();
  if (status !== null && status !== undefined && status !== oldStatus) checkerOf(statusType)(status, undefined, 'status', kind, state, oldStatus);
  return state.typeError ?? (state.unknown.length > 0 ? `strict decoding error: ${state.unknown.map((f) => `unknown field "${f}"`).join(', ')}` : undefined);
}
