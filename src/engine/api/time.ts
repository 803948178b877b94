/**
 * Virtual timestamps and durations, without the host's Date: the engine must not touch the wall
 * clock, and calendar arithmetic in UTC is a few lines of integer maths (Howard Hinnant's
 * days-from-civil algorithms).
 *
 * Kubernetes serialises metav1.Time as RFC 3339 with whole seconds ("2025-01-01T00:00:05Z") and
 * metav1.MicroTime with microseconds ("2025-01-01T00:00:05.123456Z").
 */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The default start of every simulation: a fixed instant, so runs are reproducible. */
export const DEFAULT_START_MS = utcMs(2025, 1, 1, 0, 0, 0);

export interface Civil {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday */
  weekday: number;
}

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Milliseconds since the epoch for a UTC calendar time (month 1–12). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

export function toCivil(ms: number): Civil {
  const days = Math.floor(ms / DAY_MS);
  const rest = ms - days * DAY_MS;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rest / HOUR_MS),
    minute: Math.floor((rest % HOUR_MS) / MINUTE_MS),
    second: Math.floor((rest % MINUTE_MS) / SECOND_MS),
    millisecond: rest % SECOND_MS,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** metav1.Time: RFC 3339, whole seconds, UTC. */
export function formatTime(ms: number): string {
  const second = Math.floor(ms / SECOND_MS);
  // A status holds a few times (now, the pod's start, its containers'): a small direct-mapped
  // cache keeps each formatted once, and writes of one instant share the string.
  const slot = formatted[second & (formatted.length - 1)]!;
  if (second !== slot.second) {
    const c = toCivil(ms);
    // join() yields one flat string; a template literal would leave a rope of small strings behind
    // every timestamp of every stored object.
    slot.text = [pad(c.year, 4), '-', pad(c.month), '-', pad(c.day), 'T', pad(c.hour), ':', pad(c.minute), ':', pad(c.second), 'Z'].join('');
    slot.second = second;
  }
  return slot.text;
}

const formatted = Array.from({ length: 16 }, () => ({ second: Number.NaN, text: '' }));

/** metav1.MicroTime: RFC 3339 with six fractional digits, UTC. */
export function formatMicroTime(ms: number): string {
  const c = toCivil(ms);
  const micros = pad(Math.round((ms - Math.floor(ms / 1000) * 1000) * 1000), 6);
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}.${micros}Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:\d{2})$/;

/** Parse an RFC 3339 timestamp to epoch milliseconds; undefined when malformed. */
export function parseTime(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  let ms = utcMs(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (m[7]) ms += Math.round(parseFloat(m[7]) * 1000);
  const zone = m[8]!;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    ms -= sign * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6)) * MINUTE_MS;
  }
  return ms;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox `date` default output: `Wed Jan  1 00:00:05 UTC 2025`. */
export function formatUnixDate(ms: number): string {
  const c = toCivil(ms);
  return `${DAY_NAMES[c.weekday]} ${MONTH_NAMES[c.month - 1]} ${String(c.day).padStart(2, ' ')} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} UTC ${c.year}`;
}

/** Go's RFC1123Z: `Wed, 01 Jan 2025 00:00:05 +0000`. */
export function formatRFC1123Z(ms: number): string {
  const c = toCivil(ms);
  return `${DAY_NAMES[c.weekday]}, ${pad(c.day)} ${MONTH_NAMES[c.month - 1]} ${c.year} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} +0000`;
}

/** kubectl describe's timestamp format (RFC1123Z as well). */
export const formatDescribeTime = formatRFC1123Z;

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: SECOND_MS,
  m: MINUTE_MS,
  h: HOUR_MS,
};

/**
 * Parse a Go duration (`90s`, `5m`, `1h30m`, `1.5h`, `250ms`) and also a bare number of seconds.
 * Returns milliseconds, or undefined when the text is not a duration.
 */
export function parseDuration(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return parseFloat(t) * SECOND_MS;
  if (t === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/gy;
  let total = 0;
  let consumed = 0;
  let sign = 1;
  let body = t;
  if (body.startsWith('-')) {
    sign = -1;
    body = body.slice(1);
  }
  re.lastIndex = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const unit = m[2] === 'd' ? DAY_MS : UNIT_MS[m[2]!]!;
    total += parseFloat(m[1]!) * unit;
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== body.length) return undefined;
  return sign * total;
}

/** Go's time.Duration.String() for whole-millisecond values: `1m30s`, `2.5s`, `150ms`, `0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < SECOND_MS) return `${sign}${trimFloat(rest)}ms`;
  const h = Math.floor(rest / HOUR_MS);
  rest -= h * HOUR_MS;
  const m = Math.floor(rest / MINUTE_MS);
  rest -= m * MINUTE_MS;
  const s = `${trimFloat(rest / SECOND_MS)}s`;
  if (h > 0) return `${sign}${h}h${m}m${s}`;
  if (m > 0) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}

function trimFloat(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/**
 * apimachinery's HumanDuration, as printed in AGE and DURATION columns: `59s`, `7m26s`, `10m`,
 * `3h5m`, `8h`, `2d3h`, `8d`, `3y100d`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / SECOND_MS);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Age of a timestamp at `nowMs`, as kubectl prints it (`<unknown>` when unset). */
export function age(timestamp: string | undefined, nowMs: number): string {
  const t = parseTime(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}
