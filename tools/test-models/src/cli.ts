import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { isTensorType } from './gguf/tensor-type.js';
import { type LlamaModelOptions, llamaPresets, measureLlamaModel, writeLlamaModel } from './llama-model.js';
import { writeMmproj } from './mmproj.js';
import { encodePng } from './png/encode-png.js';
import { testPicture } from './png/test-picture.js';

/** The usage text of `mmskills-test-models`. */
export const usage = `usage:
  mmskills-test-models llama <out.gguf> [--preset tiny|1b|7b] [--embd N] [--layers N] [--ff N] [--heads N]
      [--kv-heads N] [--vocab-size N] [--ctx N] [--type f32|f16|q8_0] [--seed N] [--std X] [--threads N] [--dry-run]
  mmskills-test-models mmproj <out.gguf> --embd <text-embd> [--vision-embd N] [--layers N] [--heads N]
      [--ff N] [--image-size N] [--patch-size N] [--type f32|f16] [--seed N]
  mmskills-test-models png <out.png> [--width N] [--height N]
Each command prints a JSON summary of what it wrote. --threads defaults to every core for big models.`;

/** A command line that cannot be carried out as written. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Flags = Record<string, string | boolean | undefined>;

/** Runs one command line (without `node` and the script) and returns its JSON summary. */
export async function runCli(argv: readonly string[]): Promise<string> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') return usage;
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command "${command}"\n${usage}`);
  return JSON.stringify(await run(rest));
}

const commands: Record<string, (args: string[]) => Promise<unknown>> = {
  async llama(args) {
    const [out, flags] = parse(
      args,
      [
        'preset',
        'embd',
        'layers',
        'ff',
        'heads',
        'kv-heads',
        'vocab-size',
        'ctx',
        'type',
        'seed',
        'std',
        'threads',
      ],
      ['dry-run'],
    );
    const name = flags.preset;
    if (name !== undefined && (typeof name !== 'string' || !Object.hasOwn(llamaPresets, name))) {
      throw new UsageError(`unknown preset "${String(name)}"`);
    }
    const preset = name === undefined ? {} : llamaPresets[name as keyof typeof llamaPresets];
    const type = flags.type;
    if (type !== undefined && (typeof type !== 'string' || !isTensorType(type))) {
      throw new UsageError(`--type must be f32, f16 or q8_0`);
    }
    const options: LlamaModelOptions = {
      ...preset,
      ...defined({
        embd: int(flags, 'embd'),
        layers: int(flags, 'layers'),
        ff: int(flags, 'ff'),
        heads: int(flags, 'heads'),
        kvHeads: int(flags, 'kv-heads'),
        vocabSize: int(flags, 'vocab-size'),
        ctx: int(flags, 'ctx'),
        seed: int(flags, 'seed'),
        std: num(flags, 'std'),
        type,
      }),
    };
    const measured = measureLlamaModel(options);
    if (flags['dry-run']) return measured;
    // Worker start-up costs more than a small model takes to make.
    const threads = int(flags, 'threads') ?? (measured.parameters >= 1e7 ? availableParallelism() : 1);
    return { path: out, ...(await writeLlamaModel(out, { ...options, threads })) };
  },

  async mmproj(args) {
    const [out, flags] = parse(args, [
      'embd',
      'vision-embd',
      'layers',
      'heads',
      'ff',
      'image-size',
      'patch-size',
      'type',
      'seed',
    ]);
    const textEmbd = int(flags, 'embd');
    if (textEmbd === undefined) throw new UsageError('mmproj needs --embd <text model embedding length>');
    if (flags.type !== undefined && flags.type !== 'f32' && flags.type !== 'f16') {
      throw new UsageError('--type must be f32 or f16');
    }
    const summary = await writeMmproj(out, {
      textEmbd,
      ...defined({
        visionEmbd: int(flags, 'vision-embd'),
        layers: int(flags, 'layers'),
        heads: int(flags, 'heads'),
        ff: int(flags, 'ff'),
        imageSize: int(flags, 'image-size'),
        patchSize: int(flags, 'patch-size'),
        seed: int(flags, 'seed'),
        type: flags.type,
      }),
    });
    return { path: out, ...summary };
  },

  async png(args) {
    const [out, flags] = parse(args, ['width', 'height']);
    const png = encodePng(testPicture(int(flags, 'width') ?? 64, int(flags, 'height') ?? 48));
    await writeFile(out, png);
    return { path: out, bytes: png.length };
  },
};

function parse(args: string[], strings: string[], booleans: string[] = []): [string, Flags] {
  const options = Object.fromEntries([
    ...strings.map((name) => [name, { type: 'string' as const }]),
    ...booleans.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  let parsed: { values: Flags; positionals: string[] };
  try {
    const result = parseArgs({ args, options, allowPositionals: true, strict: true });
    // No option is declared `multiple`, so no value is an array.
    parsed = { values: result.values as Flags, positionals: result.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [out, ...extra] = parsed.positionals;
  if (out === undefined || extra.length > 0) throw new UsageError(`expected one output path\n${usage}`);
  return [out, parsed.values];
}

function num(flags: Flags, name: string): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a number, got "${String(raw)}"`);
  }
  return value;
}

function int(flags: Flags, name: string): number | undefined {
  const value = num(flags, name);
  if (value !== undefined && !Number.isSafeInteger(value))
    throw new UsageError(`--${name} must be an integer`);
  return value;
}

function defined<T extends object>(values: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as never;
}
