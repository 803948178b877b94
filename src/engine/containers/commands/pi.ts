/**
 * π to N significant digits, as Perl's `bignum` `bpi(N)` prints it (rounded in the last place),
 * computed exactly with Machin's formula in BigInt — about a millisecond of real time for 2000
 * digits — and cached by N.
 */

const cache = new Map<number, string>();

/** arctan(1/x) scaled by `unity`, by its Taylor series. */
function arctanInverse(x: bigint, unity: bigint): bigint {
  const x2 = x * x;
  let term = unity / x;
  let sum = term;
  let n = 1n;
  let sign = -1n;
  while (term !== 0n) {
    term /= x2;
    n += 2n;
    sum += (sign * term) / n;
    sign = -sign;
  }
  return sum;
}

/** `3.14159…` with `digits` significant digits (digits ≥ 1). */
export function piDigits(digits: number): string {
  const n = Math.max(1, Math.min(Math.floor(digits), 100_000));
  const cached = cache.get(n);
  if (cached) return cached;
  const guard = 10;
  const unity = 10n ** BigInt(n + guard);
  const pi = 4n * (4n * arctanInverse(5n, unity) - arctanInverse(239n, unity));
  // pi is scaled by 10^(n+guard); keep n significant digits (one before the point), rounding half up.
  const scale = 10n ** BigInt(guard + 1);
  const rounded = (pi + scale / 2n) / scale;
  const text = rounded.toString();
  const result = n === 1 ? text : `${text[0]}.${text.slice(1)}`;
  if (cache.size > 16) cache.clear();
  cache.set(n, result);
  return result;
}
