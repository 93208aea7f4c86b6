import { readFileSync } from 'node:fs';

/**
 * A process's peak resident memory in MiB, as Linux keeps it (`VmHWM` in /proc/<pid>/status): the
 * high-water mark holds even after the memory is freed, so it is read after the work, not during.
 * Undefined where there is no /proc (macOS, Windows), so callers can skip the check there.
 */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}
