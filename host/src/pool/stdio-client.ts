import { type ChildProcess, spawn } from 'node:child_process';
import { jsonRpcIdIn, lineReader } from '@mmskills/core';
import type { JSONRPCMessage, RequestId, Transport } from '@modelcontextprotocol/client';
import { type CallForwarding, type CallWire, type ForwardCallOptions, ForwardedCalls } from './forwarding.js';
import type { RawString } from './raw-json.js';

export interface StdioSkillOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** The longest line (one JSON-RPC message) read from the skill. */
  maxLineBytes: number;
  /** The skill's stderr (its JSON log), as it comes; read and dropped when absent. */
  onStderr?: (chunk: Buffer) => void;
}

/**
 * MCP to a skill process over its stdin/stdout, in place of the SDK's StdioClientTransport, whose
 * reader copies its whole buffer on every chunk: reading a 135 MiB result took ~112 s of CPU. Lines
 * are read in linear time (core's lineReader); an answer over `maxLineBytes` becomes an error
 * answer to its request, so the call fails at once instead of waiting for its timeout.
 */
export class StdioSkillTransport implements Transport, CallForwarding {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child?: ChildProcess;
  private readonly read: (chunk: Buffer) => void;
  private readonly forwarded = new ForwardedCalls();

  constructor(private readonly options: StdioSkillOptions) {
    this.read = lineReader(options.maxLineBytes, {
      bytes: (line) => this.handleLine(line),
      tooLong: (head, bytes) => {
        const id = jsonRpcIdIn(head);
        const message = `the skill's answer was ${bytes} bytes, over the host's limit of ${options.maxLineBytes}`;
        const answer = { jsonrpc: '2.0', id, error: { code: -32603, message } };
        if (id === undefined) this.onerror?.(new Error(message));
        else if (!this.forwarded.take(answer)) this.onmessage?.(answer as JSONRPCMessage);
      },
    });
  }

  /** The skill's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.command, this.options.args, {
        env: this.options.env,
        cwd: this.options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      this.child = child;
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => resolve());
      child.once('close', () => {
        this.child = undefined;
        this.forwarded.close();
        this.onclose?.();
      });
      child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
      // Read even when nobody listens: a full pipe would stop the skill at its next log line.
      child.stderr?.on('data', (chunk: Buffer) => this.options.onStderr?.(chunk));
      child.stdin?.on('error', (error) => this.onerror?.(error));
    });
  }

  // As bytes: a forwarded answer's pictures stay views of them, never decoded to a string and
  // encoded back (3.7 ms for a 1.4 MB line).
  private handleLine(line: Buffer): void {
    try {
      const message = this.forwarded.incoming(line);
      if (message) this.onmessage?.(message);
    } catch (error) {
      this.onerror?.(
        new Error(`the skill wrote a line that is not a JSON-RPC message: ${(error as Error).message}`),
      );
    }
  }

  /** Writes one message of the SDK's client as one line. */
  send(message: JSONRPCMessage): Promise<void> {
    return this.write(this.forwarded.outgoing(message));
  }

  /**
   * A call of the gateway's (see ForwardedCalls). Its long strings go out as the bytes they came
   * in, once checked for what would end the line early or fail the skill's JSON.parse (its answer
   * to that would carry no id, and the call would wait for its timeout).
   */
  forwardCall(
    params: { name: string; arguments: Record<string, unknown> },
    options: ForwardCallOptions,
  ): Promise<Record<string, unknown>> {
    return this.forwarded.run(params, options, this.wire, true);
  }

  private readonly wire: CallWire = {
    send: (_message, pieces) => this.write(pieces),
    // As the SDK's client does when a call is given up on; a skill already gone needs no word.
    cancel: (requestId: RequestId, reason: string) => {
      const cancelled = { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason } };
      this.write([JSON.stringify(cancelled)]).catch(() => {});
    },
  };

  private write(pieces: Array<string | RawString>): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin) {
        reject(new Error('the skill process is not running'));
        return;
      }
      let flushed: boolean;
      if (pieces.length === 1) {
        flushed = stdin.write(`${pieces[0] as string}\n`);
      } else {
        stdin.cork();
        for (const piece of pieces) stdin.write(typeof piece === 'string' ? piece : piece.literal);
        flushed = stdin.write('\n');
        stdin.uncork();
      }
      if (flushed) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  /** Ends the skill's stdin (it exits on its own), then SIGTERM and SIGKILL if it lingers. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.stdin?.end();
    const after = (ms: number) =>
      new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms).unref());
    if ((await Promise.race([exited, after(2_000)])) === 'late') {
      child.kill('SIGTERM');
      if ((await Promise.race([exited, after(2_000)])) === 'late') child.kill('SIGKILL');
    }
    await exited;
  }
}
