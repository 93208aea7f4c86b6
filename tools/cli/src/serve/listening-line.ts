// Longer than any log line of ours; what goes past it cannot be the "listening" line.
const MAX_PARTIAL = 64 * 1024;
const LISTENING = /"message":"listening".*?"url":"(http:\/\/[^"]+)"/;

/**
 * Reads a child's JSON log as it arrives and finds the URL of its "listening" line. It keeps only
 * the unfinished last line (at most 64 KiB), never the whole log: the children log for as long as
 * they run.
 */
export function listeningLineReader() {
  let partial = '';
  return {
    /** Takes the next chunk; returns the URL once the "listening" line is complete. */
    push(chunk: string): string | undefined {
      const lines = (partial + chunk).split('\n');
      partial = (lines.pop() ?? '').slice(-MAX_PARTIAL);
      for (const line of lines) {
        const url = LISTENING.exec(line)?.[1];
        if (url) return url;
      }
      return undefined;
    },
    get kept(): number {
      return partial.length;
    },
  };
}
