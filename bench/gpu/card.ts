import { execFile } from 'node:child_process';

/** What the machine says about its GPU, or why it could not say. */
export interface CardInfo {
  nvidiaSmi?: string;
  torch?: Bandwidth;
  error?: string;
}

/** Device-memory bandwidth that PyTorch reaches on the first CUDA device. */
export interface Bandwidth {
  name: string;
  totalMemoryGiB: number;
  bufferGiB: number;
  /** `b.copy_(a)`: bytes read plus bytes written, per second. */
  copyBytesPerSecond: number;
  /** `a.sum()`: bytes read per second, the access pattern of a decode step's weight reads. */
  readBytesPerSecond: number;
}

// A 4 GiB buffer, far over any cache; CUDA events time 20 repetitions after 3 warm-ups.
const TORCH_SCRIPT = `
import json, torch
d = torch.device('cuda')
n = 1 << 30
a = torch.ones(n, dtype=torch.float32, device=d)
b = torch.empty_like(a)
def timed(fn, reps=20):
    for _ in range(3): fn()
    torch.cuda.synchronize()
    s = torch.cuda.Event(enable_timing=True); e = torch.cuda.Event(enable_timing=True)
    s.record()
    for _ in range(reps): fn()
    e.record(); torch.cuda.synchronize()
    return s.elapsed_time(e) / reps / 1e3
size = n * 4
copy = timed(lambda: b.copy_(a))
read = timed(lambda: a.sum())
p = torch.cuda.get_device_properties(0)
print(json.dumps({'name': torch.cuda.get_device_name(0), 'totalMemoryGiB': round(p.total_memory / 2**30, 1),
  'bufferGiB': size / 2**30, 'copyBytesPerSecond': 2 * size / copy, 'readBytesPerSecond': size / read}))
`;

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(
            `${command}: ${error.code ?? error.signal ?? 'failed'}: ${stderr.trim().split('\n').slice(-2).join(' ').slice(-300)}`,
          ),
        );
      else resolve(stdout.trim());
    });
  });
}

/** nvidia-smi's name, memory and driver, and PyTorch's bandwidth figures; never throws. */
export async function cardInfo(): Promise<CardInfo> {
  const info: CardInfo = {};
  const errors: string[] = [];
  try {
    info.nvidiaSmi = await run(
      'nvidia-smi',
      ['--query-gpu=name,memory.total,driver_version,clocks.max.memory', '--format=csv,noheader'],
      15_000,
    );
  } catch (error) {
    errors.push((error as Error).message);
  }
  try {
    const lines = (await run('python3', ['-c', TORCH_SCRIPT], 120_000)).split('\n');
    info.torch = JSON.parse(lines[lines.length - 1] ?? '') as Bandwidth;
  } catch (error) {
    errors.push((error as Error).message);
  }
  if (errors.length > 0) info.error = errors.join('; ').slice(0, 1000);
  return info;
}
