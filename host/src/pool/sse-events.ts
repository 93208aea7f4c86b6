const LF = 10;
const CR = 13;

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

/**
 * Splits an event stream as it arrives into runs of whole events (up to a blank line), each
 * handed on at once; the picture of an event that spans many chunks is joined once, when its
 * blank line comes. A chunk with no line feed cannot end an event, and is only kept.
 */
export class EventSplitter {
  private pending: Buffer[] = [];

  constructor(private readonly onEvents: (events: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending.push(chunk);
    if (chunk.indexOf(LF) === -1) return;
    const joined = this.pending.length === 1 ? chunk : Buffer.concat(this.pending);
    const end = afterLastBlankLine(joined);
    if (end === -1) {
      this.pending = [joined];
      return;
    }
    this.pending = end < joined.length ? [joined.subarray(end)] : [];
    this.onEvents(joined.subarray(0, end));
  }

  /** What came after the last whole event (an event the stream ended before its blank line). */
  rest(): Buffer {
    const rest = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    this.pending = [];
    return rest;
  }
}

// Just after the last blank line (LF LF, or LF CR LF), or -1.
function afterLastBlankLine(body: Buffer): number {
  for (let at = body.lastIndexOf(LF); at > 0; at = body.lastIndexOf(LF, at - 1)) {
    const before = body[at - 1] === CR ? at - 2 : at - 1;
    if (before >= 0 && body[before] === LF) return at + 1;
  }
  return -1;
}
