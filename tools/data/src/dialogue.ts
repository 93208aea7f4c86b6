import { type Action, buildObservation, renderTurn } from '@mmskills/core';
import {
  type ActionResult,
  executeActions,
  ImageStore,
  type PoolTool,
  type SkillPool,
  type StoredImage,
  userText,
} from '@mmskills/host';
import { IMAGE_PLACEHOLDER, IMAGE_TOKEN } from './export/image-tokens.js';
import type { DialogueTurn } from './sample.js';

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

// As the host shows a vision model what tools return (host/src/agent/pictures-shown.ts, default
// budget): after the outputs, each picture after a line naming its handle, at most four a step.
const PICTURES_PER_STEP = 4;

function showPictures(images: readonly StoredImage[]): string {
  const shown = images
    .slice(0, PICTURES_PER_STEP)
    .map((image) => `\n<${image.handle}> from ${image.source}:${IMAGE_PLACEHOLDER}`);
  const rest = images.slice(PICTURES_PER_STEP).map((image) => image.handle);
  if (rest.length > 0) {
    shown.push(
      `\n${rest.join(', ')} not shown (at most ${PICTURES_PER_STEP} a step); pass a handle to a tool to use it.`,
    );
  }
  return shown.join('');
}

/**
 * Builds one sample's conversation the way the host would live it: the user's picture is
 * `image_1`, every action runs on the real skill through the host's own executor (schema check,
 * handle resolution, new handles for returned pictures), and each observation turn is the exact
 * text the host feeds back, with an `<image>` where it shows a returned picture to the model.
 */
export class Dialogue {
  readonly turns: DialogueTurn[] = [];
  /** The pictures tools returned that the observations show, in the order of their `<image>` tokens. */
  readonly shown: StoredImage[] = [];
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

  /** Whether the pool has a tool of this name. */
  has(tool: string): boolean {
    return this.tools.some((entry) => entry.tool.name === tool);
  }

  /**
   * A model turn with actions, run for real; returns each action's output as the model reads it.
   * @throws {ToolCallFailed} when a tool answers with an error, or with text a trainer would take
   * for a picture (`<image>`), which would miscount the sample's pictures.
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
    const observation = buildObservation({ results, question: this.question });
    if (observation.includes(IMAGE_PLACEHOLDER)) {
      const culprit = results.find((result) => JSON.stringify(result.output).includes(IMAGE_PLACEHOLDER));
      throw new ToolCallFailed(culprit?.API_name ?? 'a tool', `its output contains ${IMAGE_PLACEHOLDER}`);
    }
    const made = results.flatMap((result: ActionResult) => result.images);
    this.shown.push(...made.slice(0, PICTURES_PER_STEP));
    this.turns.push({ from: 'human', value: observation + showPictures(made) });
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
