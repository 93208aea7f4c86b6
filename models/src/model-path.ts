import { realpath, stat } from 'node:fs/promises';
import { MmskillsError } from '@mmskills/core/runtime';

/**
 * The real path of a model file, the key under which a loaded model is cached.
 * @throws MmskillsError `model_not_found` when nothing is there or it is not a file.
 */
export async function realModelPath(path: string, what: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw new MmskillsError('model_not_found', `${what} not found: "${path}"`, { cause: error });
  }
  if (!(await stat(real)).isFile()) {
    throw new MmskillsError('model_not_found', `${what} is not a file: "${path}"`);
  }
  return real;
}
