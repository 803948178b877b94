/**
 * The shape of the generated API schema (generated.ts): for each kind its root struct, and for
 * each struct its Go type name and the JSON type of every field.
 *
 * A field type is a primitive (`string`, `bool`, `int32`, `int64`, `quantity`, `intOrString`,
 * `time`, `bytes` (base64 text), `any`), a Go named string type such as `v1.RestartPolicy` (a string on the wire), the
 * key of another struct (`core/v1.Container`, always containing a `/`), or a list or map of those.
 */
export type FieldType = string | ['list', FieldType] | ['map', FieldType];

export interface StructSchema {
  /** The Go type, as error messages print it (`v1.PodSpec`). */
  go: string;
  fields: Record<string, FieldType>;
}

export interface ApiSchema {
  /** Kind → root struct key. */
  roots: Record<string, string>;
  structs: Record<string, StructSchema>;
}
