import { formatBytes } from './format-bytes.js';

/** Where progress goes: stderr, or a test's collector. */
export interface ProgressWriter {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** Total bytes now on disk for this file. */
  update(bytes: number): void;
  done(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/**
 * A redrawn bar when the writer is a terminal; otherwise one line per 10% crossed, so logs and
 * CI output stay short. `start` is what a resumed download already had.
 */
export function createProgress(
  writer: ProgressWriter,
  label: string,
  total: number | undefined,
  start = 0,
  now: () => number = Date.now,
): Progress {
  return writer.isTTY ? barProgress(writer, label, total, now) : lineProgress(writer, label, total, start);
}

function amount(bytes: number, total: number | undefined): string {
  return total ? `${formatBytes(bytes)} of ${formatBytes(total)}` : formatBytes(bytes);
}

function barProgress(writer: ProgressWriter, label: string, total: number | undefined, now: () => number) {
  let last = 0;
  let bytes = 0;
  let width = 0;
  const draw = () => {
    const ratio = total ? Math.min(bytes / total, 1) : 0;
    const filled = Math.round(ratio * BAR_WIDTH);
    const bar = total
      ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(ratio * 100)}% `
      : '';
    const line = `${label} ${bar}${amount(bytes, total)}`;
    // Pad over the previous line: \r alone leaves its tail when the new one is shorter.
    writer.write(`\r${line.padEnd(width)}`);
    width = line.length;
  };
  return {
    update(value: number) {
      bytes = value;
      const time = now();
      if (time - last >= REDRAW_MS) {
        last = time;
        draw();
      }
    },
    done() {
      draw();
      writer.write('\n');
    },
  };
}

function lineProgress(writer: ProgressWriter, label: string, total: number | undefined, start: number) {
  let bytes = start;
  let decile = total ? Math.floor((start / total) * 10) : 0;
  return {
    update(value: number) {
      bytes = value;
      if (!total) return;
      const reached = Math.min(Math.floor((value / total) * 10), 10);
      if (reached > decile) {
        decile = reached;
        writer.write(`${label}: ${decile * 10}% (${amount(value, total)})\n`);
      }
    },
    done() {
      if (!total) writer.write(`${label}: ${formatBytes(bytes)}\n`);
    },
  };
}
