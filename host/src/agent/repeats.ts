import type { Action } from '@mmskills/core';
import equal from 'fast-deep-equal';

/**
 * The tool calls of one message so far. A model that asks again for calls it already made (same
 * tool, same arguments) learns nothing new from them: small models fall into that loop, and
 * without a check it runs until `maxSteps`, calling the skills each time.
 */
export class CallHistory {
  private readonly calls: Array<{ name: string; params: unknown; step: number }> = [];
  private repeats = 0;

  /** The latest step that already made every call of `actions`; undefined when any call is new. */
  repeatOf(actions: readonly Action[]): number | undefined {
    let latest = 0;
    for (const action of actions) {
      const earlier = this.calls.find(
        (call) => call.name === action.API_name && equal(call.params, action.API_params),
      );
      if (!earlier) return undefined;
      latest = Math.max(latest, earlier.step);
    }
    return latest;
  }

  /** Counts one repeated turn; true from the second, when the loop stops. */
  repeatedAgain(): boolean {
    this.repeats += 1;
    return this.repeats >= 2;
  }

  add(actions: readonly Action[], step: number): void {
    for (const action of actions) this.calls.push({ name: action.API_name, params: action.API_params, step });
  }
}

/** What the model reads after its first repeated turn: the calls are not run again. */
export function repeatNote(actions: readonly Action[], step: number, question: string): string {
  const names = [...new Set(actions.map((action) => action.API_name))].join(', ');
  return (
    `You already called ${names} with these same arguments at step ${step}; their outputs are above, ` +
    `and calling again would give the same. Answer from them now, or call a different tool (or the same ` +
    `tool on another region or picture). My first question: ${question}`
  );
}
