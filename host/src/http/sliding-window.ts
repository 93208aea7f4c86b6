/**
 * At most `limit` events in any `spanMs`, in constant time an event: the times of the last `limit`
 * events, oldest first around a ring. A new event is allowed when the event `limit` before it is
 * older than the span; the array grows with use, up to `limit`, so a quiet client holds little.
 * (The window was an array filtered on every request, which cost more the more a client sent.)
 */
export class SlidingWindow {
  readonly #times: number[] = [];
  #oldest = 0;

  constructor(
    private readonly limit: number,
    private readonly spanMs: number,
  ) {}

  /** Records an event at `now`; when the window is full, records nothing and returns the ms until a slot frees. */
  spend(now: number): number | undefined {
    const times = this.#times;
    if (times.length < this.limit) {
      times.push(now);
      return undefined;
    }
    const oldest = times[this.#oldest] as number;
    if (now - oldest < this.spanMs) return this.spanMs - (now - oldest);
    times[this.#oldest] = now;
    this.#oldest = (this.#oldest + 1) % this.limit;
    return undefined;
  }
}
