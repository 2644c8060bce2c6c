/**
 * The `-m statistic --mode random --probability` values kube-proxy writes, what the kernel keeps
 * of them, and the exact rationals they stand for.
 *
 * kube-proxy gives endpoint i (0-based) of n the probability 1/(n-i), so every endpoint ends up
 * with 1/n. It formats that with `%0.5f` before v1.17 and `%0.10f` from v1.17. The xt_statistic
 * match stores the value as a 31-bit fraction, round(p * 2^31), and iptables-save prints it back
 * as (stored / 2^31) with `%.11f`: 0.33333 becomes 0.33332999982.
 */
import type { KubernetesVersion } from '../../cluster/model';
import { versionAtLeast } from '../../k8s/version';

const TWO_POW_31 = 2147483648;

/** The text kube-proxy writes for 1/n (`proxier.probability(n)`). */
export function kubeProxyProbability(n: number, version: KubernetesVersion): string {
  return (1 / n).toFixed(versionAtLeast(version, 1, 17) ? 10 : 5);
}

/**
 * What iptables-save prints for a probability written as `text`. libxt_statistic parses with
 * strtod, stores `lround(p * 0x80000000)` and prints `1.0 * stored / 0x80000000` with "%.11f".
 */
export function savedProbability(text: string): string {
  const p = Number(text);
  const stored = Math.round(p * TWO_POW_31);
  return formatFixed11(stored);
}

/** Exact `%.11f` of stored/2^31, computed with integers so no floating-point rounding can creep in. */
function formatFixed11(stored: number): string {
  const scale = 10n ** 11n;
  const num = BigInt(stored) * scale;
  const den = BigInt(TWO_POW_31);
  let q = num / den;
  const r = num % den;
  // Round half to even, as glibc's printf does for exact binary values.
  if (r * 2n > den || (r * 2n === den && q % 2n === 1n)) q += 1n;
  const whole = q / scale;
  const frac = (q % scale).toString().padStart(11, '0');
  return `${whole}.${frac}`;
}

/** A non-negative rational number, kept exact so chained statistic rules sum to exactly 1. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

export function fraction(num: bigint, den: bigint): Fraction {
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const ONE: Fraction = { num: 1n, den: 1n };

export function mul(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.num, a.den * b.den);
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function complement(a: Fraction): Fraction {
  return fraction(a.den - a.num, a.den);
}

export function toNumber(a: Fraction): number {
  return Number(a.num) / Number(a.den);
}
