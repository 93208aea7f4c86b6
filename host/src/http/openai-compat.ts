import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AgentEvent } from '../agent/events.js';
import type { UserMessage } from '../agent/loop.js';
import { NO_MODEL_HELP } from '../host.js';
import type { HostEnv } from './env.js';
import { HostHttpError } from './errors.js';
import { checkImages, readDataUrl } from './message-input.js';
import { withTrace } from './trace.js';

export const AGENT_MODEL_ID = 'mmskills-agent';

const PartSchema = z.union([
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_url'), image_url: z.object({ url: z.string() }) }),
]);
const CompletionRequestSchema = z.object({
  model: z.string().optional(),
  stream: z.boolean().default(false),
  stream_options: z.object({ include_usage: z.boolean().default(false) }).optional(),
  messages: z
    .array(
      z.object({
        role: z.enum(['system', 'user', 'assistant', 'tool', 'developer']),
        content: z.union([z.string(), z.array(PartSchema)]).nullable(),
      }),
    )
    .min(1),
});

/**
 * `POST /v1/chat/completions`: the whole agent as one model, so chat front-ends can use it.
 * The last user message is the question; every `image_url` (data URL) of the user messages is
 * an image. The agent's steps come back in the extra `mmskills` field.
 */
export function openAiRoutes() {
  const app = new Hono<HostEnv>();

  app.get('/v1/models', (c) =>
    c.json({
      object: 'list',
      data: [{ id: AGENT_MODEL_ID, object: 'model', created: 0, owned_by: 'mmskills' }],
    }),
  );

  app.post('/v1/chat/completions', async (c) => {
    const parsed = CompletionRequestSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      throw new HostHttpError(
        400,
        `invalid request: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const { host } = c.var;
    if (!host.backend) throw new HostHttpError(503, NO_MODEL_HELP);
    const message = withTrace(
      await toUserMessage(parsed.data.messages, c.var.policy),
      c.req.header('traceparent'),
    );
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const abort = new AbortController();
    const conversation = host.newConversation();

    if (!parsed.data.stream) {
      c.req.raw.signal.addEventListener('abort', () => abort.abort(new Error('the client disconnected')), {
        once: true,
      });
      const steps: AgentEvent[] = [];
      for await (const event of host.run(conversation, message, abort.signal)) steps.push(event);
      return c.json({
        id,
        object: 'chat.completion',
        created,
        model: AGENT_MODEL_ID,
        choices: [
          { index: 0, message: { role: 'assistant', content: finalText(steps) }, finish_reason: 'stop' },
        ],
        usage: openAiUsage(steps),
        mmskills: { steps },
      });
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => abort.abort(new Error('the client disconnected')));
      // Every chunk carries the same envelope; `fields` sets its choices and any extra field.
      const send = (fields: Record<string, unknown>) =>
        stream.writeSSE({
          data: JSON.stringify({
            id,
            object: 'chat.completion.chunk',
            created,
            model: AGENT_MODEL_ID,
            ...fields,
          }),
        });
      const chunk = (delta: Record<string, unknown>) =>
        send({ choices: [{ index: 0, delta, finish_reason: null }] });
      await chunk({ role: 'assistant', content: '' });
      const steps: AgentEvent[] = [];
      for await (const event of host.run(conversation, message, abort.signal)) {
        steps.push(event);
        if (event.type === 'answer' || event.type === 'error')
          await chunk({ content: event.type === 'answer' ? event.text : `Error: ${event.message}` });
      }
      await send({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], mmskills: { steps } });
      // As OpenAI does with stream_options.include_usage: one last chunk, no choices, the usage.
      if (parsed.data.stream_options?.include_usage) await send({ choices: [], usage: openAiUsage(steps) });
      await stream.writeSSE({ data: '[DONE]' });
    });
  });

  return app;
}

/** The agent's tokens over all its model calls, in OpenAI's `usage` shape (cached prompt tokens included). */
function openAiUsage(steps: AgentEvent[]) {
  const end = steps.findLast((event) => event.type === 'answer' || event.type === 'error');
  const usage =
    end?.type === 'answer' || end?.type === 'error'
      ? end.usage
      : { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens },
  };
}

function finalText(steps: AgentEvent[]): string {
  const answer = steps.findLast((event) => event.type === 'answer');
  if (answer?.type === 'answer') return answer.text;
  const error = steps.findLast((event) => event.type === 'error');
  return error?.type === 'error' ? `Error: ${error.message}` : '';
}

async function toUserMessage(
  messages: z.infer<typeof CompletionRequestSchema>['messages'],
  policy: HostEnv['Variables']['policy'],
): Promise<UserMessage> {
  const last = messages.findLast((message) => message.role === 'user');
  if (!last) throw new HostHttpError(400, 'invalid request: no user message');
  const parts = (content: (typeof messages)[number]['content']) =>
    typeof content === 'string' ? [{ type: 'text' as const, text: content }] : (content ?? []);
  const text = parts(last.content)
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join('\n')
    .trim();
  if (!text) throw new HostHttpError(400, 'invalid request: the last user message has no text');
  const urls = messages
    .filter((message) => message.role === 'user')
    .flatMap((message) =>
      parts(message.content).flatMap((part) => (part.type === 'image_url' ? [part.image_url.url] : [])),
    );
  const images = await checkImages(await Promise.all(urls.map((url) => readDataUrl(url, policy))));
  return { text, images };
}
