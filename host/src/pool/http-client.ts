import http from 'node:http';
import https from 'node:https';
import {
  type JSONRPCMessage,
  PROTOCOL_VERSION_META_KEY,
  type RequestId,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { type CallForwarding, type CallWire, type ForwardCallOptions, ForwardedCalls } from './forwarding.js';
import { pieceBytes, type RawString } from './raw-json.js';
import { EventSplitter, sseData } from './sse-events.js';

/**
 * Streamable HTTP to a skill: the SDK's transport, but for the gateway's forwarded calls (see
 * ForwardedCalls). Those are POSTed with node:http from their JSON pieces, the pictures' bytes as
 * they came, and their answers read as bytes: the SDK's fetch and stream parsing cost more than
 * the call they carry. An answer over `maxAnswerBytes` fails its call, as a line over the limit
 * does over stdio.
 */
export class SkillHttpTransport extends StreamableHTTPClientTransport implements CallForwarding {
  private readonly forwarded = new ForwardedCalls();
  private readonly posts = new Map<RequestId, http.ClientRequest>();
  private readonly agent: http.Agent;

  constructor(
    private readonly endpoint: URL,
    private readonly headers: Record<string, string>,
    private readonly maxAnswerBytes: number,
  ) {
    super(endpoint, { requestInit: { headers } });
    this.agent = new (endpoint.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true });
  }

  forwardCall(
    params: { name: string; arguments: Record<string, unknown> },
    options: ForwardCallOptions,
  ): Promise<Record<string, unknown>> {
    // A 2026 call is cancelled by closing its request (its stream), a 2025 one by a notification too.
    const modern = options.envelope !== undefined;
    const wire: CallWire = {
      send: (message, pieces) => this.post(message, pieces),
      cancel: (requestId: RequestId, reason: string) => {
        if (!modern) {
          const cancelled = {
            jsonrpc: '2.0' as const,
            method: 'notifications/cancelled',
            params: { requestId, reason },
          };
          super.send(cancelled).catch(() => {});
        }
        this.posts.get(requestId)?.destroy();
      },
    };
    return this.forwarded.run(params, options, wire);
  }

  override async close(): Promise<void> {
    for (const post of this.posts.values()) post.destroy();
    this.agent.destroy();
    this.forwarded.close();
    await super.close();
  }

  private post(message: JSONRPCMessage & { id: RequestId }, json: Array<string | RawString>): Promise<void> {
    const pieces = json.map(pieceBytes);
    const headers: http.OutgoingHttpHeaders = {
      ...this.headers,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'content-length': pieces.reduce((sum, piece) => sum + piece.length, 0),
    };
    if (this.sessionId) headers['mcp-session-id'] = this.sessionId;
    if (this.protocolVersion) headers['mcp-protocol-version'] = this.protocolVersion;
    Object.assign(headers, modernHeaders(message));
    return new Promise((resolve, reject) => {
      const scheme = this.endpoint.protocol === 'https:' ? https : http;
      const request = scheme.request(this.endpoint, { method: 'POST', agent: this.agent, headers });
      this.posts.set(message.id, request);
      let answered = false;
      // Cancelled, or the skill went away before it answered.
      request.once('close', () => {
        this.posts.delete(message.id);
        if (!answered) reject(new Error('the connection to the skill closed before it answered'));
      });
      request.on('error', reject);
      request.once('response', (response) => {
        const status = response.statusCode ?? 0;
        const ok = status >= 200 && status <= 299;
        const sse = String(response.headers['content-type']).includes('text/event-stream');
        // An event stream is read event by event, so that the call's progress is relayed as the
        // skill sends it (and its timeout restarted); anything else is read whole.
        const events = ok && sse ? new EventSplitter((body) => this.read(body, true)) : undefined;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('error', reject);
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxAnswerBytes) {
            answered = true;
            reject(new Error(`the skill's answer was over the host's limit of ${this.maxAnswerBytes} bytes`));
            request.destroy();
            return;
          }
          try {
            if (events) events.push(chunk);
            else chunks.push(chunk);
          } catch (error) {
            answered = true;
            reject(error);
            request.destroy();
          }
        });
        response.once('end', () => {
          if (answered) return;
          answered = true;
          try {
            const body = events ? events.rest() : Buffer.concat(chunks, size);
            if (!ok) {
              throw new Error(
                `Error POSTing to endpoint (HTTP ${status}): ${body.toString('utf8', 0, 2000)}`,
              );
            }
            this.read(body, sse);
            // An answer whose body held no answer to the call: nothing more will come for it.
            this.forwarded.fail(message.id, new Error("the skill's HTTP answer held no answer to the call"));
            resolve();
          } catch (error) {
            reject(error);
          }
        });
      });
      // Buffered until the agent hands over a socket, then written in one go with the headers.
      for (const piece of pieces) request.write(piece);
      request.end();
    });
  }

  private read(body: Buffer, sse: boolean): void {
    for (const data of sse ? sseData(body) : [body]) {
      const message = this.forwarded.incoming(data);
      if (message) this.onmessage?.(message);
    }
  }
}

/**
 * A 2026-era request names its version, method and tool in headers, taken from the version its
 * `_meta` claims (as the SDK's transport does); a 2025-era one carries no such claim.
 */
function modernHeaders(message: JSONRPCMessage & { id: RequestId }): http.OutgoingHttpHeaders {
  const params = 'params' in message ? (message.params as Record<string, unknown> | undefined) : undefined;
  const version = (params?._meta as Record<string, unknown> | undefined)?.[PROTOCOL_VERSION_META_KEY];
  if (typeof version !== 'string' || !('method' in message)) return {};
  const name = params?.name;
  return {
    'mcp-protocol-version': version,
    'mcp-method': message.method,
    ...(typeof name === 'string' && { 'mcp-name': headerValue(name) }),
  };
}

// The spec's rule for a value a header cannot carry as it is: UTF-8 base64 between sentinels.
function headerValue(value: string): string {
  const plain = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/.test(value) && !value.startsWith('=?base64?');
  return plain ? value : `=?base64?${Buffer.from(value).toString('base64')}?=`;
}
