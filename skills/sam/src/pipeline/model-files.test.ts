import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionDtypes } from './model-files.js';

async function folderWith(...files: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mmskills-sam-files-'));
  await mkdir(join(dir, 'onnx'));
  await Promise.all(files.map((file) => writeFile(join(dir, 'onnx', file), '')));
  return dir;
}

describe('sessionDtypes', () => {
  it('prefers full precision, else takes the export that is there, per session', async () => {
    const dir = await folderWith(
      'vision_encoder.onnx',
      'vision_encoder_quantized.onnx',
      'prompt_encoder_mask_decoder_fp16.onnx',
    );
    expect(sessionDtypes(dir)).toEqual({
      dtypes: { vision_encoder: 'fp32', prompt_encoder_mask_decoder: 'fp16' },
    });
  });

  it('names the sessions that have no file in any precision', async () => {
    const dir = await folderWith('vision_encoder_quantized.onnx', 'decoder.onnx');
    expect(sessionDtypes(dir)).toEqual({ missing: ['prompt_encoder_mask_decoder'] });
  });
});
