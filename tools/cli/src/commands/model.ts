import { mkdir, readFile, statfs } from 'node:fs/promises';
import { installPlaces, readHostConfigFile, writeHostConfigFile } from '../install/host-config-file.js';
import { BUILTIN_CATALOGUE } from '../models/builtin-catalogue.js';
import { cacheStatus, defaultModelDir, expandHome, filePaths, fileState, lmmSpec } from '../models/cache.js';
import {
  type Catalogue,
  type CatalogueEntry,
  type CatalogueInput,
  entryFiles,
  entrySize,
  fileUrl,
  parseCatalogue,
} from '../models/catalogue.js';
import { downloadFile } from '../models/download.js';
import { formatBytes } from '../models/format-bytes.js';
import { createProgress, type ProgressWriter } from '../models/progress.js';
import { parseCommandArgs } from './parse-options.js';
import { CliError } from './registry-client.js';

export const MODEL_USAGE = `Usage: mmskills model list [--dir <dir>]
       mmskills model pull <name> [--dir <dir>] [--config mmskills.json]

  list      the GGUF vision models for llama.cpp: size, licence, whether cached, and the --lmm value
  pull      download a model and its mmproj to <dir>/<name>/ (resumes a partial download, checks
            sha256), then record it as the host's model in --config, so the next \`npm start\`
            (mmskills serve) uses it with no flags

  --dir     the model cache (default $MMSKILLS_MODEL_DIR, else ~/.cache/mmskills/models)
  --config  the host config file (default $MMSKILLS_CONFIG, else ./mmskills.json)
Files come from $MMSKILLS_MODEL_BASE_URL (default https://huggingface.co). $MMSKILLS_MODEL_CATALOGUE
names a JSON file of more models (a list of {name, title, repo, licence, model, mmproj}), listed
after the built-in ones; an entry of the same name replaces the built-in one.
`;

/** Seams for tests and embedding; the defaults are the real cache, network and stderr. */
export interface ModelCommandOptions {
  cacheDir?: string;
  fetch?: typeof fetch;
  catalogue?: CatalogueInput;
  baseUrl?: string;
  stderr?: ProgressWriter;
  /** Stops a pull, keeping the `.part` files; without it, Ctrl-C does the same. */
  signal?: AbortSignal;
  /** The host config file a pull records the model in, when `--config` does not say. */
  configFile?: string;
}

/** `mmskills model`: list the known vision models, or pull one into the cache. */
export async function modelCommand(
  argv: string[],
  out: (line: string) => void,
  options: ModelCommandOptions = {},
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { dir: { type: 'string' }, config: { type: 'string' } },
    MODEL_USAGE,
  );
  const [action, name, ...extra] = positionals;
  const cacheDir = values.dir ? expandHome(values.dir) : (options.cacheDir ?? defaultModelDir());
  const catalogue = parseCatalogue(options.catalogue ?? (await withUserCatalogue(BUILTIN_CATALOGUE)));
  if (action === 'list' && !name) return listModels(catalogue, cacheDir, out);
  if (action === 'pull' && name && extra.length === 0) {
    const entry = catalogue.find((candidate) => candidate.name === name);
    if (!entry)
      throw new CliError(
        `unknown model "${name}"; known: ${catalogue.map((known) => known.name).join(', ')}`,
        2,
      );
    const config = installPlaces({ config: values.config ?? options.configFile }).config;
    // A broken config file is reported before anything is downloaded.
    await readHostConfigFile(config);
    await pullModel(entry, cacheDir, out, options);
    const spec = lmmSpec(cacheDir, entry);
    await writeHostConfigFile(config, { ...(await readHostConfigFile(config)), lmm: spec });
    out(`recorded in ${config}: the next \`npm start\` (mmskills serve) runs the host with ${entry.name}`);
    return 0;
  }
  throw new CliError(`model needs list, or pull <name>\n${MODEL_USAGE}`, 2);
}

/** The built-in catalogue with the entries of $MMSKILLS_MODEL_CATALOGUE's file on top. */
async function withUserCatalogue(builtin: CatalogueInput): Promise<CatalogueInput> {
  const file = process.env.MMSKILLS_MODEL_CATALOGUE;
  if (!file) return builtin;
  let extra: unknown;
  try {
    extra = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new CliError(`MMSKILLS_MODEL_CATALOGUE: cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(extra))
    throw new CliError(`MMSKILLS_MODEL_CATALOGUE: ${file} must hold a JSON list of models`);
  const names = new Set(extra.map((entry) => (entry as { name?: unknown }).name));
  return [...builtin.filter((entry) => !names.has(entry.name)), ...(extra as CatalogueInput)];
}

async function listModels(catalogue: Catalogue, cacheDir: string, out: (line: string) => void) {
  const rows = await Promise.all(
    catalogue.map(async (entry) => {
      const size = entrySize(entry);
      const cached = await cacheStatus(cacheDir, entry);
      return {
        entry,
        cells: [entry.name, size === undefined ? '?' : formatBytes(size), entry.licence, cached],
      };
    }),
  );
  const header = ['NAME', 'SIZE', 'LICENCE', 'CACHED'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row.cells[column]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  out(`${line(header)}  MODEL`);
  for (const { entry, cells } of rows) {
    out(`${line(cells)}  ${entry.title}, ${entry.repo}`);
    out(`  --lmm ${lmmSpec(cacheDir, entry)}`);
  }
  out(`cache: ${cacheDir}; download one with: mmskills model pull <name>`);
  return 0;
}

function interruptSignal(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  return { signal: controller.signal, release: () => process.off('SIGINT', onInterrupt) };
}

async function ensureSpace(cacheDir: string, needed: number) {
  const info = await statfs(cacheDir).catch(() => undefined);
  const free = info ? info.bavail * info.bsize : Number.POSITIVE_INFINITY;
  if (free < needed)
    throw new CliError(
      `not enough disk space in ${cacheDir}: need ${formatBytes(needed)}, ${formatBytes(free)} free`,
    );
}

async function pullModel(
  entry: CatalogueEntry,
  cacheDir: string,
  out: (line: string) => void,
  options: ModelCommandOptions,
): Promise<void> {
  // The host's --lmm value separates its options with commas.
  if (cacheDir.includes(','))
    throw new CliError(`the model directory may not contain a comma: ${cacheDir}`, 2);
  const baseUrl = options.baseUrl ?? process.env.MMSKILLS_MODEL_BASE_URL ?? 'https://huggingface.co';
  if (!URL.canParse(baseUrl)) throw new CliError(`MMSKILLS_MODEL_BASE_URL is not a URL: ${baseUrl}`, 2);
  const files = await Promise.all(
    entryFiles(entry).map(async (file) => ({ file, state: await fileState(cacheDir, entry, file) })),
  );
  await mkdir(cacheDir, { recursive: true });
  await ensureSpace(
    cacheDir,
    files.reduce(
      (sum, { file, state }) => sum + (state.kind === 'complete' ? 0 : (file.size ?? 0) - state.bytes),
      0,
    ),
  );
  const stderr = options.stderr ?? process.stderr;
  const { signal, release } = options.signal ? { signal: options.signal, release() {} } : interruptSignal();
  try {
    for (const { file, state } of files) {
      if (state.kind === 'complete') {
        out(`${file.file}: already complete`);
        continue;
      }
      const size = file.size === undefined ? '' : ` (${formatBytes(file.size)})`;
      out(
        `${file.file}: ${state.kind === 'partial' ? `resuming at ${formatBytes(state.bytes)}` : 'downloading'}${size}`,
      );
      await downloadFile({
        ...filePaths(cacheDir, entry, file),
        url: fileUrl(baseUrl, entry, file),
        label: file.file,
        ...(file.size === undefined ? {} : { size: file.size }),
        ...(file.sha256 === undefined ? {} : { sha256: file.sha256 }),
        fetch: options.fetch ?? fetch,
        signal,
        progress: (total, start) => createProgress(stderr, file.file, total, start),
      });
      out(`${file.file}: done, ${file.sha256 ? 'sha256 verified' : 'no sha256 in the catalogue to check'}`);
    }
  } finally {
    release();
  }
  out(`${entry.name} is ready (licence: ${entry.licence}); its --lmm value:`);
  out(`  --lmm ${lmmSpec(cacheDir, entry)}`);
}
