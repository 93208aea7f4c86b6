import { percentile, summarise } from './stats.js';

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Times `a` and `b` alternately, `count` times each, in the order a b, b a, a b… so that the
 * machine's load and any warm-up after the other's call fall on both alike. `check` sees each result
 * and throws on a wrong one (a fast error must not pass for a fast call).
 */
export async function pairedTimes<T>(
  count: number,
  a: () => Promise<T>,
  b: () => Promise<T>,
  check: (result: T) => void,
): Promise<{ a: number[]; b: number[] }> {
  const times = { a: [] as number[], b: [] as number[] };
  const timed = async (run: () => Promise<T>, into: number[]) => {
    const started = performance.now();
    const result = await run();
    into.push(performance.now() - started);
    check(result);
  };
  for (let i = 0; i < count; i += 1) {
    if (i % 2 === 0) {
      await timed(a, times.a);
      await timed(b, times.b);
    } else {
      await timed(b, times.b);
      await timed(a, times.a);
    }
  }
  return times;
}

/**
 * Direct against gateway: each path's percentiles, what the gateway adds at p50 and p95 (gateway's
 * percentile minus direct's), and the median of the per-pair differences, which the load moves less.
 */
export function compare(direct: number[], gateway: number[]) {
  const pairs = direct.map((ms, i) => (gateway[i] as number) - ms);
  return {
    direct: summarise(direct),
    gateway: summarise(gateway),
    added_p50_ms: round(percentile(gateway, 50) - percentile(direct, 50)),
    added_p95_ms: round(percentile(gateway, 95) - percentile(direct, 95)),
    added_median_of_pairs_ms: round(percentile(pairs, 50)),
  };
}
