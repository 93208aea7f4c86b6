/**
 * One model a skill holds: opened on first use and shared by the calls after it, a failed open
 * forgotten (the user may fix the file while the skill runs), and let go by {@link unload} for the
 * idle unload, after which the next {@link get} opens it again.
 * @see SkillDefinition.unload
 */
export class ModelSlot<T> {
  #pending: Promise<T> | undefined;
  #value: T | undefined;

  /** `release` frees what `open` made (`session.release()`, `model.dispose()`). */
  constructor(
    private readonly open: () => Promise<T>,
    private readonly release: (model: T) => unknown,
  ) {}

  get(): Promise<T> {
    if (this.#pending === undefined) {
      // An open that throws before its first await (a model file not found) rejects like any other.
      const attempt = Promise.resolve().then(() => this.open());
      this.#pending = attempt;
      attempt.then(
        (value) => {
          if (this.#pending === attempt) this.#value = value;
        },
        () => {
          if (this.#pending === attempt) this.#pending = undefined;
        },
      );
    }
    return this.#pending;
  }

  /** The model once it has loaded, for `/health`; undefined before, after a failure and after an unload. */
  get current(): T | undefined {
    return this.#value;
  }

  /** Forgets the model and releases it once a load in progress has finished. */
  async unload(): Promise<void> {
    const pending = this.#pending;
    this.#pending = undefined;
    this.#value = undefined;
    if (pending === undefined) return;
    let model: T;
    try {
      model = await pending;
    } catch {
      return;
    }
    await this.release(model);
  }
}
