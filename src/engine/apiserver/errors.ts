/**
 * metav1.Status errors as the API server returns them, and the text kubectl prints for each
 * (`Error from server (NotFound): jobs.batch "x" not found`).
 */
import { type FieldError, formatFieldError } from '../api/fieldErrors.ts';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'TooManyRequests'
  | 'Gone'
  | 'InternalError';

export interface Status {
  apiVersion: 'v1';
  kind: 'Status';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason: string; message: string; field: string }[] };
  code: number;
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Forbidden: 403,
  MethodNotAllowed: 405,
  TooManyRequests: 429,
  Gone: 410,
  InternalError: 500,
};

/** A failed API call. Thrown inside the engine, caught at its public surface. */
export class StatusError extends Error {
  readonly status: Status;

  constructor(reason: StatusReason, message: string, details?: Status['details']) {
    super(message);
    this.name = 'StatusError';
    this.status = { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Failure', message, reason, code: CODES[reason], ...(details ? { details } : {}) };
  }

  get reason(): StatusReason {
    return this.status.reason;
  }

  get code(): number {
    return this.status.code;
  }

  /** What kubectl prints for this error (without the trailing newline). */
  get kubectlMessage(): string {
    const d = this.status.details;
    if (this.reason === 'Invalid' && d) {
      // kubectl rebuilds the text from the causes (cmdutil checkErr): one per line when several.
      const head = `The ${d.kind} "${d.name ?? ''}" is invalid`;
      const causes = (d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
      if (causes.length === 0) return head;
      return causes.length === 1 ? `${head}: ${causes[0]}` : `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
    }
    return `Error from server (${this.reason}): ${this.message}`;
  }

  /** The same error with `error when <verb> "<source>": ` prefixed, as kubectl does for -f inputs. */
  withSource(verb: string, source: string): StatusError {
    if (!source) return this;
    return new StatusError(this.reason, `error when ${verb} "${source}": ${this.message}`, this.status.details);
  }
}

/** `jobs.batch` or `pods`: the qualified resource name kubectl and the API server print. */
export function qualifiedResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export function notFound(plural: string, group: string, name: string): StatusError {
  return new StatusError('NotFound', `${qualifiedResource(plural, group)} "${name}" not found`, { name, group, kind: plural });
}

export function alreadyExists(plural: string, group: string, name: string): StatusError {
  return new StatusError('AlreadyExists', `${qualifiedResource(plural, group)} "${name}" already exists`, { name, group, kind: plural });
}

export function conflict(plural: string, group: string, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): StatusError {
  return new StatusError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(plural, group)} "${name}": ${why}`, { name, group, kind: plural });
}

export function invalid(kind: string, group: string, name: string, errors: FieldError[]): StatusError {
  const texts = errors.map(formatFieldError);
  const body = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return new StatusError('Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${body}`, {
    name,
    group,
    kind,
    causes: errors.map((e, i) => ({ reason: `Field${e.type === 'NotSupported' ? 'ValueNotSupported' : 'Value' + e.type}`, message: texts[i]!.slice(e.field.length + 2), field: e.field })),
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', message);
}

export function forbidden(message: string): StatusError {
  return new StatusError('Forbidden', message);
}
