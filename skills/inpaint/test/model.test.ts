import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connectInMemory, textOf } from '@mmskills/skill-kit/testing';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { createInpaintSkill } from '../src/index.js';
import { tinyLama, writeTinyLama } from './fixtures/lama-models.js';
import { dataUri, scene } from './pictures.js';

const temp = (name: string) => mkdtempSync(join(tmpdir(), `mmskills-inpaint-${name}-`));
const photo = await scene(64, 48, '#3366cc', [{ left: 20, top: 20, width: 8, height: 8, colour: '#ff0000' }]);
const call = { image: dataUri(photo.png), boxes: [[0.3, 0.4, 0.45, 0.6]] };
const PULL =
  "the inpaint skill's model lama-fp32 (LaMa (big-lama), fp32 ONNX export at 512×512) is not downloaded: " +
  'run `npx mmskills model pull lama-fp32`, or pass --model <folder> (or set MMSKILLS_INPAINT_MODEL) to use one you have';

async function removeWith(
  options: Parameters<typeof createInpaintSkill>[0],
  args: Record<string, unknown> = call,
) {
  const client = await connectInMemory(createInpaintSkill(options));
  try {
    return await client.callTool({ name: 'remove_object', arguments: args });
  } finally {
    await client.close();
  }
}

describe('the inpaint skill without its model', () => {
  it('answers every call with the pull command, says so in its status, and finds the model once pulled', async () => {
    const cache = temp('cache');
    const skill = createInpaintSkill({ cacheDir: cache });
    expect(skill.model?.()).toMatchObject({ name: 'lama-fp32', source: 'none', missing: true, error: PULL });
    const client = await connectInMemory(skill);
    for (const args of [call, { ...call, image: 'data:image/png;base64,' }]) {
      const result = await client.callTool({ name: 'remove_object', arguments: args });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(PULL);
    }
    writeTinyLama(join(cache, 'lama-fp32'));
    const after = await client.callTool({ name: 'remove_object', arguments: call });
    expect(after.isError, textOf(after)).toBeFalsy();
    expect(skill.model?.()).toMatchObject({
      name: 'lama-fp32',
      source: 'cache',
      path: join(cache, 'lama-fp32'),
      loaded: true,
    });
    await client.close();
  });

  it.each([
    ['lama-fp32', 'lama_fp32.onnx'],
    ['lama-opencv', 'models/inpainting_lama/inpainting_lama_2025jan.onnx'],
  ])('runs the catalogue model %s named by --model, from its file in the cache', async (name, file) => {
    const cache = temp('named');
    mkdirSync(dirname(join(cache, name, file)), { recursive: true });
    writeFileSync(join(cache, name, file), tinyLama());
    const result = await removeWith({ model: name, cacheDir: cache });
    expect(result.isError, textOf(result)).toBeFalsy();
  });

  it('names the catalogue when --model is neither a folder nor a model it knows', async () => {
    const result = await removeWith({ model: 'lama-huge', cacheDir: temp('unknown') });
    expect(textOf(result)).toBe(
      '--model / MMSKILLS_INPAINT_MODEL "lama-huge" is neither a folder nor a inpaint model (catalogue: lama-fp32, lama-opencv)',
    );
  });
});

describe('a model folder the user gives', () => {
  it('refuses a folder with no ONNX file, naming it', async () => {
    const dir = temp('empty');
    const result = await removeWith({ model: dir });
    expect(textOf(result)).toBe(
      `--model / MMSKILLS_INPAINT_MODEL folder "${dir}" holds no .onnx file; put LaMa's lama_fp32.onnx in it`,
    );
  });

  it('runs the one ONNX file of a folder, whatever its name', async () => {
    const dir = temp('renamed');
    writeFileSync(join(dir, 'big-lama.onnx'), tinyLama());
    const result = await removeWith({ model: dir });
    expect(result.isError, textOf(result)).toBeFalsy();
  });

  it.each([
    ['an input named otherwise', { imageName: 'input' }, 'it has no "image" input (its inputs: input, mask)'],
    [
      'a float64 image input',
      { imageType: onnxProto.onnx.TensorProto.DataType.DOUBLE },
      'its "image" input is float64, not float32',
    ],
    ['another input size', { size: 256 }, undefined],
  ])('checks the signature: %s', async (_title, options, problem) => {
    const dir = writeTinyLama(temp('signature'), options);
    const result = await removeWith({ model: dir });
    if (problem === undefined) {
      // A LaMa exported at another fixed size is run at that size.
      expect(result.isError, textOf(result)).toBeFalsy();
      return;
    }
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      `remove_object failed on the server: "${join(dir, 'lama_fp32.onnx')}" is not a LaMa export this skill runs: ${problem}`,
    );
  });
});
