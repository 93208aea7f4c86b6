import {
  type CallToolResult,
  type Implementation,
  ProtocolErrorCode,
  type RequestId,
  SERVER_INFO_META_KEY,
} from '@modelcontextprotocol/server';
import { pieceBytes, RawString, serialise } from '../pool/raw-json.js';

const EVENT_START = Buffer.from('event: message\ndata: ');
const EVENT_END = Buffer.from('\n\n');
const LINE_BREAKS = [10, 13];
// Resource not found: the SDK's codecs of both revisions send it as invalid params.
const RESOURCE_NOT_FOUND = -32002;

const mebibytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const failed = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });

/**
 * A result whose picture (or sound) is over `maxBytes` becomes an error result, as a skill's own
 * would (core's callTool): the size is read from the base64's length, nothing is decoded.
 */
export function heldToPictureLimit(tool: string, result: CallToolResult, maxBytes: number): CallToolResult {
  for (const block of Array.isArray(result.content) ? result.content : []) {
    const data = (block as { data?: unknown }).data;
    const chars = data instanceof RawString ? data.length - 2 : typeof data === 'string' ? data.length : 0;
    const bytes = Math.floor((chars * 3) / 4);
    if (bytes > maxBytes) {
      return failed(
        `${tool} returned a ${mebibytes(bytes)} ${block.type === 'audio' ? 'sound' : 'picture'}, over the host's ` +
          `${mebibytes(maxBytes)} limit of one image; ask for fewer pixels, or a compressed format where the tool offers one`,
      );
    }
  }
  return result;
}

/**
 * The JSON-RPC message answering call `id` with a forwarded result, its long strings as the
 * skill's bytes. One holding a raw line break (which JSON forbids, and which would end an SSE
 * event early) is not passed on: the call fails instead. `stamp` adds what the client's era
 * asks of every result (see {@link stampModernResult}).
 */
export function resultMessage(
  tool: string,
  id: RequestId,
  result: CallToolResult,
  maxPictureBytes: number,
  stamp: (result: CallToolResult) => CallToolResult = (same) => same,
): Buffer[] {
  const answer = (held: CallToolResult) => serialise({ result: stamp(held), jsonrpc: '2.0', id });
  let pieces = answer(heldToPictureLimit(tool, result, maxPictureBytes));
  if (pieces.some((piece) => piece instanceof RawString && piece.hasControlCharacter(LINE_BREAKS))) {
    pieces = answer(failed(`${tool} answered with a string holding a raw line break, which is not JSON`));
  }
  return pieces.map(pieceBytes);
}

/**
 * A forwarded call that failed before any result, answered as the SDK's server answers a
 * handler's throw: the error's code when it is an integer (else an internal error), its `data`
 * when it has any, and -32002 (resource not found, which neither revision's codec sends) as
 * invalid params.
 */
export function errorMessage(id: RequestId, error: unknown): Buffer[] {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: unknown };
  const integer =
    typeof code === 'number' && Number.isSafeInteger(code) ? code : ProtocolErrorCode.InternalError;
  const message = error instanceof Error ? error.message : String(error);
  const wire = integer === RESOURCE_NOT_FOUND ? ProtocolErrorCode.InvalidParams : integer;
  const body = { jsonrpc: '2.0', id, error: { code: wire, message, ...(data !== undefined && { data }) } };
  return [Buffer.from(JSON.stringify(body))];
}

/** A message as one SSE event. */
export const asEvent = (message: Buffer[]): Buffer[] => [EVENT_START, ...message, EVENT_END];

/**
 * What the 2026 revision asks of every result, as the SDK's 2026 codec adds it: `resultType`
 * (`complete` unless the skill said otherwise) and the answering server's identity in `_meta`,
 * the skill's own where it gave one.
 */
export function stampModernResult(serverInfo: Implementation): (result: CallToolResult) => CallToolResult {
  return (result) => {
    const meta = result._meta;
    const stamped = 'resultType' in result ? result : { ...result, resultType: 'complete' };
    if (meta !== undefined && (typeof meta !== 'object' || meta === null || SERVER_INFO_META_KEY in meta))
      return stamped;
    return { ...stamped, _meta: { ...meta, [SERVER_INFO_META_KEY]: serverInfo } };
  };
}
