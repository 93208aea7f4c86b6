import type { CallToolResult, RequestId } from '@modelcontextprotocol/client';
import { pieceBytes, RawString, serialise } from '../pool/raw-json.js';

const EVENT_START = Buffer.from('event: message\ndata: ');
const EVENT_END = Buffer.from('\n\n');
const LINE_BREAKS = [10, 13];

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
 * The SSE event answering call `id` with a forwarded result, its long strings as the skill's bytes.
 * One holding a raw line break (which JSON forbids, and which would end the event early) is not
 * passed on: the call fails instead.
 */
export function resultEvent(
  tool: string,
  id: RequestId,
  result: CallToolResult,
  maxPictureBytes: number,
): Buffer[] {
  let pieces = serialise({ result: heldToPictureLimit(tool, result, maxPictureBytes), jsonrpc: '2.0', id });
  if (pieces.some((piece) => piece instanceof RawString && piece.hasControlCharacter(LINE_BREAKS))) {
    const broken = failed(`${tool} answered with a string holding a raw line break, which is not JSON`);
    pieces = serialise({ result: broken, jsonrpc: '2.0', id });
  }
  return [EVENT_START, ...pieces.map(pieceBytes), EVENT_END];
}
