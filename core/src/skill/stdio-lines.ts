// How much of an over-long line is kept to find its JSON-RPC id for the error reply.
const HEAD_BYTES = 256;

/** Each line as text (`line`) or as its bytes (`bytes`: a large one is never decoded), and the over-long ones. */
export type LineHandlers = {
  /** A line over the limit, dropped as it streamed in: its first bytes, and how long it was. */
  tooLong(head: Buffer, bytes: number): void;
} & ({ line(text: string): void } | { bytes(line: Buffer): void });

const CR = 13;
// Whether a line holds nothing but JSON whitespace (a blank line between messages is skipped).
const blank = (line: Buffer) => line.every((byte) => byte === 32 || byte === 9 || byte === CR);

/**
 * Splits a byte stream into newline-ended lines of at most `maxLineBytes`, in time linear in the
 * bytes (chunks are kept in a list and joined once per line; the SDK's reader copies the whole
 * buffer on every chunk). A longer line is not kept: it is counted until its newline and reported,
 * and the lines after it are read as usual.
 */
export function lineReader(maxLineBytes: number, handlers: LineHandlers): (chunk: Buffer) => void {
  let parts: Buffer[] = [];
  let size = 0;
  let head: Buffer | undefined;
  let dropped = 0;
  return (chunk) => {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      if (head) {
        dropped += piece.length;
      } else if (size + piece.length > maxLineBytes) {
        head = Buffer.concat([...parts, piece.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
        dropped = size + piece.length;
        parts = [];
        size = 0;
      } else if (piece.length > 0) {
        parts.push(piece);
        size += piece.length;
      }
      if (newline === -1) return;
      if (head) {
        handlers.tooLong(head, dropped);
        head = undefined;
        dropped = 0;
      } else {
        // One piece (a line within one chunk) is used as the view it is; more are joined once.
        const [only] = parts;
        let line = parts.length === 1 && only ? only : Buffer.concat(parts, size);
        parts = [];
        size = 0;
        if (line.at(-1) === CR) line = line.subarray(0, -1);
        if (!blank(line)) {
          if ('bytes' in handlers) handlers.bytes(line);
          else handlers.line(line.toString('utf8'));
        }
      }
      start = newline + 1;
    }
  };
}

/**
 * The JSON-RPC id of a line that was too long to keep, read from its first bytes, where clients
 * and the SDK write it; undefined when it is not there.
 */
export function jsonRpcIdIn(head: Buffer): string | number | undefined {
  const found = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)/.exec(head.toString('utf8'))?.[1];
  try {
    return found === undefined ? undefined : (JSON.parse(found) as string | number);
  } catch {
    return undefined;
  }
}
