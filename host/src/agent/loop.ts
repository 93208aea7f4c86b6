import {
  buildObservation,
  MmskillsError,
  parseTurn,
  renderTurn,
  type Turn,
  type TurnFormat,
  turnJsonSchema,
} from '@mmskills/core';
import type { ChatMessage, ContentPart, LmmBackend } from '../lmm/backend.js';
import type { SkillPool } from '../pool/pool.js';
import { propagateOnly, type Tracing } from '../telemetry/tracing.js';
import type { Conversation } from './conversation.js';
import type { AgentEvent, AgentUsage } from './events.js';
import { executeActions } from './execute.js';
import type { StoredImage } from './image-store.js';
import {
  type PictureBudget,
  PictureBudgetSchema,
  picturesForStep,
  withinPictureBudget,
} from './pictures-shown.js';
import { rereplyRequest, systemPrompt, userText } from './prompt.js';
import type { FinishedExchange } from './record.js';
import { CallHistory, repeatNote } from './repeats.js';
import { selectTools, type ToolSelectionOptions } from './select-tools.js';

export interface AgentOptions {
  backend: LmmBackend;
  pool: SkillPool;
  selection: ToolSelectionOptions;
  maxSteps: number;
  maxTokens?: number;
  /** Which pictures that tools return the model sees (default: PictureBudgetSchema's defaults). */
  pictures?: PictureBudget;
  /** Called once an exchange ends with the model's answer (`--record`). */
  record?: (exchange: FinishedExchange) => Promise<void>;
  /** Where the message's spans go; by default none are recorded, their context only passed on. */
  tracing?: Tracing;
}

export interface UserMessage {
  text: string;
  images?: Array<{ data: Buffer; mimeType: string }>;
  /** A box the user drew, `[x1, y1, x2, y2]` normalised (LLaVA-Plus visual prompting). */
  box?: [number, number, number, number];
  /** The W3C trace context of the request that brought the message; each tool call continues it. */
  traceparent?: string;
}

/**
 * LLaVA-Plus's loop for one user message: generate a turn, run its actions through the skills,
 * feed the observation back (with the pictures the tools made, for a model that sees), until the
 * model answers, asks twice for calls it already made, or `maxSteps` is reached. Yields events;
 * aborting `signal` cancels generation and tool calls.
 */
export async function* runAgent(
  options: AgentOptions,
  conversation: Conversation,
  message: UserMessage,
  signal?: AbortSignal,
): AsyncGenerator<AgentEvent> {
  const handles = (message.images ?? []).map((image) =>
    conversation.images.add(image.data, image.mimeType, 'user'),
  );
  for (const image of handles)
    yield { type: 'image', step: 0, handle: image.handle, mimeType: image.mimeType, source: 'user' };
  const tools = await selectTools(await options.pool.tools(), message.text, options.selection);
  const backendInfo = options.backend.info();
  const budget = options.pictures ?? PictureBudgetSchema.parse({});
  const showPictures = backendInfo.vision && budget.perStep > 0;
  // A constrained backend writes the JSON form (its schema enforces it); it is taught that form and
  // reads its own earlier turns in it. Other backends write LLaVA-Plus's markers.
  const format: TurnFormat = backendInfo.constrained ? 'json' : 'markers';
  const schema = backendInfo.constrained
    ? turnJsonSchema(tools.map((entry) => ({ name: entry.name, inputSchema: entry.tool.inputSchema })))
    : undefined;
  const userParts: ContentPart[] = [
    {
      type: 'text',
      text: userText(
        message.text,
        handles.map((image) => image.handle),
        message.box,
      ),
    },
    ...handles.map((image) => ({ type: 'image' as const, data: image.data, mimeType: image.mimeType })),
  ];
  const turnMessages: ChatMessage[] = [{ role: 'user', content: userParts }];
  const prompt = (): ChatMessage[] => [
    { role: 'system', content: systemPrompt(tools, format, { seesToolPictures: showPictures }) },
    ...withinPictureBudget([...conversation.messages, ...turnMessages], budget.maxPixels),
  ];
  const calls = new CallHistory();

  const usage: AgentUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  // One span per message, under the request's trace context; model turns and tool calls nest in it.
  const tracing = options.tracing ?? propagateOnly();
  const messageSpan = tracing.span('agent message', message.traceparent, {
    'mmskills.conversation': conversation.id,
  });
  const pictures: StoredImage[] = [...handles];
  let answered = false;
  try {
    for (let step = 1; step <= options.maxSteps; step += 1) {
      const turn = yield* generateTurn(
        options,
        prompt,
        turnMessages,
        { schema, format, traceparent: messageSpan.traceparent, tracing },
        step,
        usage,
        signal,
      );
      if (!turn) return;
      turnMessages.push({ role: 'assistant', content: renderTurn(turn, format) });
      if (turn.thoughts) yield { type: 'thought', step, text: turn.thoughts };
      if (turn.actions.length === 0) {
        answered = true;
        yield { type: 'answer', step, text: turn.value, turn, usage };
        return;
      }
      yield { type: 'action', step, actions: turn.actions };
      const repeatOf = calls.repeatOf(turn.actions);
      if (repeatOf !== undefined) {
        const stop = calls.repeatedAgain();
        const note = stop
          ? 'the same calls were asked for again; the loop stops'
          : `already called with these arguments at step ${repeatOf}; not run again`;
        for (const action of turn.actions) {
          yield {
            type: 'observation',
            step,
            API_name: action.API_name,
            output: { error: note },
            isError: true,
            ms: 0,
          };
        }
        if (stop) {
          yield {
            type: 'answer',
            step,
            text: `I stopped: the model asked again for tool calls it had already made (step ${repeatOf}); the tool outputs above are what I found.`,
            usage,
          };
          return;
        }
        turnMessages.push({ role: 'user', content: repeatNote(turn.actions, repeatOf, message.text) });
        continue;
      }
      calls.add(turn.actions, step);
      const results = await executeActions(turn.actions, {
        pool: options.pool,
        tools,
        images: conversation.images,
        signal,
        traceparent: messageSpan.traceparent,
        tracing,
      });
      for (const result of results) {
        pictures.push(...result.images);
        yield {
          type: 'observation',
          step,
          API_name: result.API_name,
          output: result.output,
          isError: result.isError,
          ms: result.ms,
        };
        for (const image of result.images) {
          yield { type: 'image', step, handle: image.handle, mimeType: image.mimeType, source: image.source };
        }
      }
      const observation = buildObservation({ results, question: message.text });
      const shown = showPictures
        ? await picturesForStep(
            results.flatMap((result) => result.images),
            budget,
          )
        : [];
      turnMessages.push({
        role: 'user',
        content: shown.length > 0 ? [{ type: 'text', text: observation }, ...shown] : observation,
      });
    }
    yield {
      type: 'answer',
      step: options.maxSteps,
      text: `I stopped after ${options.maxSteps} steps without reaching an answer; the tool outputs above are what I found.`,
      usage,
    };
  } finally {
    messageSpan.end(answered ? undefined : 'the message ended without an answer');
    conversation.append(turnMessages);
    if (answered && options.record) {
      await options.record({
        conversation: conversation.id,
        question: message.text,
        images: pictures,
        messages: turnMessages,
      });
    }
  }
}

/** One model turn, retried once when its output cannot be read; yields an error event and returns undefined after that. */
async function* generateTurn(
  options: AgentOptions,
  prompt: () => ChatMessage[],
  turnMessages: ChatMessage[],
  shape: {
    schema: Record<string, unknown> | undefined;
    format: TurnFormat;
    traceparent: string;
    tracing: Tracing;
  },
  step: number,
  usage: AgentUsage,
  signal?: AbortSignal,
): AsyncGenerator<AgentEvent, Turn | undefined> {
  let lastError = '';
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let text: string;
    let cutOff = false;
    const span = shape.tracing.span('model turn', shape.traceparent, {
      'mmskills.step': step,
    });
    try {
      const result = await options.backend.chat({
        messages: prompt(),
        jsonSchema: shape.schema,
        maxTokens: options.maxTokens,
        signal,
      });
      span.end();
      usage.promptTokens += result.usage.promptTokens;
      usage.completionTokens += result.usage.completionTokens;
      usage.cachedTokens += result.usage.cachedTokens ?? 0;
      text = result.text;
      cutOff = result.finishReason === 'length';
    } catch (error) {
      span.end((error as Error).message);
      if (signal?.aborted) throw error;
      const reason =
        error instanceof MmskillsError ? error.message : `the model failed: ${(error as Error).message}`;
      yield { type: 'error', step, message: reason, usage };
      return undefined;
    }
    try {
      return parseTurn(text);
    } catch (error) {
      lastError = cutOff
        ? `the reply stopped at the token limit${options.maxTokens ? ` (${options.maxTokens})` : ''} before it was complete: ${(error as Error).message}`
        : (error as Error).message;
      if (attempt === 0) {
        turnMessages.push(
          { role: 'assistant', content: text },
          { role: 'user', content: rereplyRequest(lastError, shape.format) },
        );
      }
    }
  }
  yield { type: 'error', step, message: `the model's reply could not be read twice: ${lastError}`, usage };
  return undefined;
}
