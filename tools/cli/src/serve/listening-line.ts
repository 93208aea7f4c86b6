import { lineReader } from '@mmskills/core/process';

// Longer than any log line of ours; what goes past it cannot be the "listening" line.
const MAX_LINE = 64 * 1024;
const LISTENING = /"message":"listening".*?"url":"(http:\/\/[^"]+)"/;

/**
 * Reads a child's JSON log as it arrives and finds the URL of its "listening" line. Lines go
 * through core's lineReader, which keeps at most one unfinished line of 64 KiB, never the whole
 * log: the children log for as long as they run.
 */
export function listeningLineReader() {
  let url: string | undefined;
  const read = lineReader(MAX_LINE, {
    line: (text) => {
      url ??= LISTENING.exec(text)?.[1];
    },
    tooLong: () => {},
  });
  return {
    /** Takes the next chunk; returns the URL once the "listening" line is complete. */
    push(chunk: Buffer): string | undefined {
      read(chunk);
      return url;
    },
  };
}
