/** Percentile of a sample by nearest rank; `p` in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarise(millis: readonly number[]) {
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    count: millis.length,
    p50_ms: round(percentile(millis, 50)),
    p95_ms: round(percentile(millis, 95)),
    p99_ms: round(percentile(millis, 99)),
    // Not Math.max(...millis): a long soak's 100,000+ samples overflow the call stack as arguments.
    max_ms: round(millis.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY)),
  };
}

/** Runs `task(i)` for i in 0..count-1 with `concurrency` in flight, timing each call. */
export async function timedPool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next;
        next += 1;
        const t0 = performance.now();
        await task(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  return { times, seconds: (performance.now() - started) / 1000 };
}
