import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { NO_MODEL_HELP } from '../host.js';
import type { HostEnv } from './env.js';
import { HostHttpError } from './errors.js';
import { readUserMessage } from './message-input.js';
import { withTrace } from './trace.js';

/**
 * The chat API: conversations, a message answered as a server-sent-event stream of the
 * agent's events, conversation history, and images by handle. A client that disconnects from
 * the stream cancels the run.
 */
export function chatRoutes() {
  const app = new Hono<HostEnv>();

  app.post('/v1/conversations', (c) => c.json({ id: c.var.conversations.open().id }, 201));

  app.get('/v1/conversations/:id', (c) => {
    const conversation = c.var.conversations.get(c.req.param('id'));
    if (!conversation)
      throw new HostHttpError(
        404,
        'no such conversation (conversations live in memory and end with a restart)',
      );
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

  app.get('/v1/conversations/:id/images/:handle', (c) => {
    const image = c.var.conversations.get(c.req.param('id'))?.images.get(c.req.param('handle'));
    if (!image) throw new HostHttpError(404, 'no such image');
    return c.body(new Uint8Array(image.data), 200, {
      'content-type': image.mimeType,
      'cache-control': 'private, max-age=3600',
    });
  });

  app.post('/v1/conversations/:id/messages', async (c) => {
    const conversation = c.var.conversations.get(c.req.param('id'));
    if (!conversation) throw new HostHttpError(404, 'no such conversation');
    const message = withTrace(await readUserMessage(c, c.var.policy), c.req.header('traceparent'));
    const { host } = c.var;
    if (!host.backend) throw new HostHttpError(503, NO_MODEL_HELP);
    const abort = new AbortController();
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => abort.abort(new Error('the client disconnected')));
      try {
        for await (const event of host.run(conversation, message, abort.signal)) {
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event) });
        }
      } catch (error) {
        if (!abort.signal.aborted) {
          c.var.log.error('agent run failed', { error: (error as Error).message });
          await stream.writeSSE({
            event: 'error',
            data: JSON.stringify({ type: 'error', message: (error as Error).message }),
          });
        }
      }
      await stream.writeSSE({ event: 'done', data: '{}' });
    });
  });

  return app;
}
