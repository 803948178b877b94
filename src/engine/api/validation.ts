/**
 * Shared validators (apimachinery's validation package and ValidateObjectMeta), phrased as upstream
 * phrases them so API errors read the same as on a real cluster.
 */
import { type FieldError, invalid, required } from './fieldErrors.ts';
import { validateLabelKey, validateLabelValue } from './labels.ts';
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import { parseQuantity, QUANTITY_ERROR } from './quantity.ts';

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const IANA_SVC_NAME = /^[-a-z0-9]+$/;

export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/**
 * Whether `value[from, to)` is a DNS-1123 label: lowercase alphanumerics and '-', starting and
 * ending alphanumeric. A loop rather than the regex: every create validates a name or two.
 */
function isLabelRange(value: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!alnum && (c !== 45 || i === from || i === to - 1)) return false;
  }
  return true;
}

export function isDns1123Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  return isLabelRange(value, 0, value.length) ? undefined : DNS1123_LABEL_MSG;
}

export function isDns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value.charCodeAt(i) === 46) {
      if (!isLabelRange(value, start, i)) return DNS1123_SUBDOMAIN_MSG;
      start = i + 1;
    }
  }
  return undefined;
}

export function isCIdentifier(value: string): boolean {
  return C_IDENTIFIER.test(value);
}

export function validateEnvVarName(value: string, field: string): FieldError[] {
  return ENV_VAR_NAME.test(value)
    ? []
    : [
        invalid(
          field,
          value,
          "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
        ),
      ];
}

export function validatePortName(value: string, field: string): FieldError[] {
  if (value.length > 15) return [invalid(field, value, 'must be no more than 15 characters')];
  if (!IANA_SVC_NAME.test(value)) return [invalid(field, value, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")];
  if (!/[a-z]/.test(value)) return [invalid(field, value, 'must contain at least one letter (a-z)')];
  return [];
}

export function validateNonNegative(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

export function validatePositive(value: number | undefined, field: string): FieldError[] {
  return value !== undefined && value <= 0 ? [invalid(field, value, 'must be greater than 0')] : [];
}

export function validateQuantity(value: unknown, field: string): FieldError[] {
  if (typeof value === 'number') return value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
  if (typeof value !== 'string' || parseQuantity(value) === undefined) return [invalid(field, value, QUANTITY_ERROR)];
  return parseQuantity(value)! < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const keyErr = validateLabelKey(k);
    if (keyErr) errs.push(invalid(field, k, keyErr));
    const valErr = validateLabelValue(String(v));
    if (valErr) errs.push(invalid(`${field}`, v, valErr));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    const keyErr = validateLabelKey(k);
    if (keyErr) errs.push(invalid(field, k, keyErr));
    total += k.length + String(v).length;
  }
  if (total > 256 * 1024) errs.push({ type: 'TooLong', field, detail: 'may not be more than 262144 bytes' });
  return errs;
}

/** ValidateObjectMeta: name (per the kind's rule), generateName, labels, annotations. */
export function validateObjectMeta(meta: ObjectMeta, nameRule: 'subdomain' | 'label' | 'path-segment', field = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (!meta.name && !meta.generateName) {
    errs.push(required(`${field}.name`, 'name or generateName is required'));
  } else if (meta.name) {
    const msg = nameRule === 'label' ? isDns1123Label(meta.name) : nameRule === 'subdomain' ? isDns1123Subdomain(meta.name) : pathSegmentError(meta.name);
    if (msg) errs.push(invalid(`${field}.name`, meta.name, msg));
  }
  // Most objects have few of these: skip building field paths for absent ones (every write validates).
  if (meta.labels) errs.push(...validateLabels(meta.labels, `${field}.labels`));
  if (meta.annotations) errs.push(...validateAnnotations(meta.annotations, `${field}.annotations`));
  if (meta.ownerReferences) errs.push(...validateOwnerReferences(meta.ownerReferences, `${field}.ownerReferences`));
  if (meta.finalizers) errs.push(...validateFinalizers(meta.finalizers, `${field}.finalizers`));
  return errs;
}

/** ValidateOwnerReferences: identity fields present, Events never owners, one controller at most. */
export function validateOwnerReferences(refs: OwnerReference[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController: OwnerReference | undefined;
  // Every created pod comes through here: field paths are only built for errors.
  (refs ?? []).forEach((ref, i) => {
    const path = (sub = '') => `${field}[${i}]${sub}`;
    const version = (ref.apiVersion ?? '').slice((ref.apiVersion ?? '').indexOf('/') + 1);
    if (!version) errs.push(invalid(path('.apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(path('.kind'), ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(path('.name'), ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(path('.uid'), ref.uid ?? '', 'uid must not be empty'));
    if (ref.apiVersion === 'v1' && ref.kind === 'Event') errs.push(invalid(path(), ref, '/v1, Kind=Event is disallowed from being an owner'));
    if (ref.controller) {
      if (firstController !== undefined) {
        errs.push(invalid(field, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController.kind}/${firstController.name} and ${ref.kind}/${ref.name}`));
      } else firstController = ref;
    }
  });
  return errs;
}

/** ValidateFinalizers: qualified names, and never both orphan and foregroundDeletion. */
export function validateFinalizers(finalizers: string[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (finalizers ?? []).forEach((f, i) => {
    const msg = validateLabelKey(f);
    if (msg) errs.push(invalid(`${field}[${i}]`, f, msg));
  });
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(field, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function pathSegmentError(name: string): string | undefined {
  if (name === '.' || name === '..') return `may not be '${name}'`;
  if (name.includes('/')) return "may not contain '/'";
  if (name.includes('%')) return "may not contain '%'";
  return undefined;
}
