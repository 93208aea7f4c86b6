import { type Action, buildObservation, renderTurn } from '@mmskills/core';
import { executeActions, ImageStore, type PoolTool, type SkillPool, userText } from '@mmskills/host';
import { type DialogueTurn, IMAGE_TOKEN } from './sample.js';

/** A tool call that came back as an error: the sample being built is dropped. */
export class ToolCallFailed extends Error {
  constructor(
    readonly tool: string,
    detail: unknown,
  ) {
    super(`${tool} failed: ${JSON.stringify(detail)}`);
    this.name = 'ToolCallFailed';
  }
}

/**
 * Builds one sample's conversation the way the host would live it: the user's picture is
 * `image_1`, every action runs on the real skill through the host's own executor (schema check,
 * handle resolution, new handles for returned pictures), and each observation turn is the exact
 * text the host feeds back.
 */
export class Dialogue {
  readonly turns: DialogueTurn[] = [];
  private readonly images = new ImageStore(64);

  constructor(
    private readonly pool: SkillPool,
    private readonly tools: readonly PoolTool[],
    readonly question: string,
    image: { data: Buffer; mimeType: string },
  ) {
    const { handle } = this.images.add(image.data, image.mimeType, 'user');
    this.turns.push({ from: 'human', value: `${IMAGE_TOKEN}${userText(question, [handle])}` });
  }

  /** The agent's name for a tool (its own name unless two skills share it). */
  nameOf(tool: string): string {
    return this.tools.find((entry) => entry.tool.name === tool)?.name ?? tool;
  }

  /**
   * A model turn with actions, run for real; returns each action's output as the model reads it.
   * @throws {ToolCallFailed} when a tool answers with an error.
   */
  async act(thoughts: string, actions: Action[], value: string): Promise<Array<Record<string, unknown>>> {
    this.turns.push({ from: 'gpt', value: renderTurn({ thoughts, actions, value }) });
    const results = await executeActions(actions, {
      pool: this.pool,
      tools: this.tools,
      images: this.images,
    });
    const failed = results.find((result) => result.isError);
    if (failed) throw new ToolCallFailed(failed.API_name, failed.output);
    this.turns.push({ from: 'human', value: buildObservation({ results, question: this.question }) });
    return results.map((result) => result.output as Record<string, unknown>);
  }

  /** The closing model turn: no actions, the answer the user sees. */
  answer(thoughts: string, value: string): DialogueTurn[] {
    this.turns.push({ from: 'gpt', value: renderTurn({ thoughts, actions: [], value }) });
    return this.turns;
  }
}

/** `n thing` / `n things`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
