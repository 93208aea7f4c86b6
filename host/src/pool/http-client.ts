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
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('error', reject);
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          chunks.push(chunk);
          if (size > this.maxAnswerBytes) {
            answered = true;
            reject(new Error(`the skill's answer was over the host's limit of ${this.maxAnswerBytes} bytes`));
            request.destroy();
          }
        });
        response.once('end', () => {
          if (answered) return;
          answered = true;
          try {
            this.read(response, Buffer.concat(chunks, size));
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

  private read(response: http.IncomingMessage, body: Buffer): void {
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      throw new Error(`Error POSTing to endpoint (HTTP ${status}): ${body.toString('utf8', 0, 2000)}`);
    }
    const events = String(response.headers['content-type']).includes('text/event-stream')
      ? sseData(body)
      : [body];
    for (const data of events) {
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

/**
 * The data of each `message` event of an SSE body: fields end in LF or CRLF, an event at a blank
 * line, and the `data:` fields of one event are joined by LF. A data field is a view, not a copy.
 */
export function sseData(body: Buffer): Buffer[] {
  const events: Buffer[] = [];
  let data: Buffer[] = [];
  let type = 'message';
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf(10, start);
    const end = newline === -1 ? body.length : newline;
    const line = body.subarray(start, body[end - 1] === 13 ? end - 1 : end);
    start = end + 1;
    if (line.length === 0) {
      if (data.length > 0 && type === 'message') events.push(joinLines(data));
      data = [];
      type = 'message';
      continue;
    }
    const colon = line.indexOf(58);
    const field = (colon === -1 ? line : line.subarray(0, colon)).toString();
    const value =
      colon === -1 ? Buffer.alloc(0) : line.subarray(line[colon + 1] === 32 ? colon + 2 : colon + 1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value.toString();
  }
  return events;
}

function joinLines(lines: Buffer[]): Buffer {
  if (lines.length === 1) return lines[0] as Buffer;
  return Buffer.concat(lines.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from('\n'), line])));
}
