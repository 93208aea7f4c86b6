import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { NO_MODEL_HELP } from '../host.js';
import { NO_CONVERSATION, pictureOf, turnFor } from './conversations.js';
import type { HostEnv } from './env.js';
import { HostHttpError } from './errors.js';
import { readUserMessage } from './message-input.js';
import { withTrace } from './trace.js';

/**
 * The chat API: conversations, a message answered as a server-sent-event stream of the
 * agent's events, conversation history, and images by handle. A client that disconnects from
 * the stream cancels the run. Conversations live in the host's store (SQLite or PostgreSQL):
 * each message reads its conversation from there and writes its turn back when it ends.
 */
export function chatRoutes() {
  const app = new Hono<HostEnv>();

  app.post('/v1/conversations', async (c) => c.json({ id: await c.var.conversations.create() }, 201));

  app.get('/v1/conversations/:id', async (c) => {
    const conversation = await c.var.conversations.read(c.req.param('id'));
    if (!conversation) throw new HostHttpError(404, NO_CONVERSATION);
    return c.json({
      id: conversation.id,
      messages: conversation.messages.map((message) => ({
        role: message.role,
        content:
          typeof message.content === 'string'
            ? message.content
            : message.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
      })),
    });
  });

  app.get('/v1/conversations/:id/images/:handle', async (c) => {
    const image = await pictureOf(c.var, c.req.param('id'), c.req.param('handle'));
    if (!image) throw new HostHttpError(404, 'no such image');
    return c.body(new Uint8Array(image.data), 200, {
      'content-type': image.mimeType,
      'cache-control': 'private, max-age=3600',
    });
  });

  app.post('/v1/conversations/:id/messages', async (c) => {
    const { host } = c.var;
    const turn = await turnFor(c.var, c.req.param('id'));
    let message: Awaited<ReturnType<typeof readUserMessage>>;
    try {
      message = withTrace(await readUserMessage(c, c.var.policy), c.req.header('traceparent'));
      if (!host.backend) throw new HostHttpError(503, NO_MODEL_HELP);
    } catch (error) {
      // A refused message changes nothing; the conversation is let go at once.
      await turn.finish();
      throw error;
    }
    const abort = new AbortController();
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => abort.abort(new Error('the client disconnected')));
      const errors: string[] = [];
      try {
        for await (const event of host.run(turn.conversation, message, abort.signal)) {
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
        }
      } catch (error) {
        if (!abort.signal.aborted) {
          c.var.log.error('agent run failed', { error: (error as Error).message });
          errors.push((error as Error).message);
        }
      } finally {
        // Whatever happened, the turn is written (as in memory before) and the conversation let go.
        await turn.finish().catch((error: Error) => {
          c.var.log.error('the turn could not be saved', { error: error.message });
          errors.push(error.message);
        });
      }
      for (const error of errors)
        await stream.writeSSE({ event: 'error', data: JSON.stringify({ type: 'error', message: error }) });
      await stream.writeSSE({ event: 'done', data: '{}' });
    });
  });

  return app;
}
