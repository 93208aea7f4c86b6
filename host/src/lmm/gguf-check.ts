import { stat } from 'node:fs/promises';
import { gguf, GGMLQuantizationType as T } from '@huggingface/gguf';
import { MmskillsError } from '@mmskills/core';

// [elements per block, bytes per block] of ggml's tensor types (ggml.c `type_traits`). A type
// missing here is only checked for where it starts, not for where it ends.
const BLOCKS: Partial<Record<number, readonly [number, number]>> = {
  [T.F32]: [1, 4],
  [T.F16]: [1, 2],
  [T.BF16]: [1, 2],
  [T.F64]: [1, 8],
  [T.I8]: [1, 1],
  [T.I16]: [1, 2],
  [T.I32]: [1, 4],
  [T.I64]: [1, 8],
  [T.Q4_0]: [32, 18],
  [T.Q4_1]: [32, 20],
  [T.Q5_0]: [32, 22],
  [T.Q5_1]: [32, 24],
  [T.Q8_0]: [32, 34],
  [T.Q2_K]: [256, 84],
  [T.Q3_K]: [256, 110],
  [T.Q4_K]: [256, 144],
  [T.Q5_K]: [256, 176],
  [T.Q6_K]: [256, 210],
  [T.IQ4_NL]: [32, 18],
  [T.IQ4_XS]: [256, 136],
};

/**
 * Reads a GGUF file's header and tensor table, checks that every tensor lies inside the file, and
 * returns its metadata.
 * llama.node 1.7.15 crashes the whole process (SIGSEGV) when llama.cpp fails to load a model or a
 * projector (missing, not GGUF, truncated), instead of throwing; a file that fails here never
 * reaches it, and the caller gets a message naming the file.
 */
export async function checkGgufFile(path: string, what: string): Promise<Record<string, unknown>> {
  const refuse = (reason: string, cause?: unknown): never => {
    throw new MmskillsError('model_failed', `cannot load the ${what} ${path}: ${reason}`, { cause });
  };
  const file = await stat(path).catch((error: NodeJS.ErrnoException) =>
    refuse(error.code === 'ENOENT' ? 'no such file' : error.message, error),
  );
  if (!file.isFile()) refuse('not a file');
  const parsed = await gguf(path, { allowLocalFile: true }).catch((error: Error) =>
    refuse(error.message, error),
  );
  const dataStart = Number(parsed.tensorDataOffset);
  for (const tensor of parsed.tensorInfos) {
    const elements = tensor.shape.reduce((product, size) => product * Number(size), 1);
    const block = BLOCKS[tensor.dtype];
    const bytes = block ? Math.ceil(elements / block[0]) * block[1] : 1;
    const end = dataStart + Number(tensor.offset) + bytes;
    if (end > file.size) {
      refuse(`the tensor ${tensor.name} ends at byte ${end} but the file has ${file.size} (cut short?)`);
    }
  }
  return parsed.metadata as Record<string, unknown>;
}
