import { readdirSync, readFileSync } from 'node:fs';

/** One live process under a root, named by what it runs, with its memory from /proc. */
export interface TreeProcess {
  pid: number;
  /** `cli`, `registry`, `host`, a skill's name, or the command's last argument. */
  role: string;
  rss_mib: number;
  /** Of the RSS, the pages backed by no file (heap, wasm memory, model weights, arenas). */
  anon_mib: number;
  /** The proportional set size: shared pages (the node binary, libvips) divided among their users. */
  pss_mib: number;
  peak_rss_mib: number;
  /** Open file descriptors (sockets, pipes, files): a leak shows here before it shows in memory. */
  fds: number;
}

const round = (kib: number) => Math.round((kib / 1024) * 10) / 10;

// `skills/<name>/dist/bin.js`, `host/src/bin.ts`, …: the package folder names the process.
function roleOf(args: string[]): string {
  for (const arg of args) {
    const skill = /\/skills\/([a-z0-9-]+)\/(?:dist|src)\/bin\.[jt]s$/.exec(arg)?.[1];
    if (skill) return skill;
    const own = /\/(host|registry|tools\/cli)\/(?:dist|src|bin)\/[a-z.-]+\.[jt]s$/.exec(arg)?.[1];
    if (own) return own === 'tools/cli' ? 'cli' : own;
  }
  return args.at(-1) ?? '?';
}

/** Every live process under `root` (from /proc/<pid>/stat parents), with its memory. */
export function processTree(root: number): TreeProcess[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {}
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree].flatMap((pid) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = (field: string) =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      const pss = Number(
        /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0,
      );
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return [
        {
          pid,
          role: roleOf(args),
          rss_mib: round(kib('VmRSS')),
          anon_mib: round(kib('RssAnon')),
          pss_mib: round(pss),
          peak_rss_mib: round(kib('VmHWM')),
          fds: readdirSync(`/proc/${pid}/fd`).length,
        },
      ];
    } catch {
      return [];
    }
  });
}
