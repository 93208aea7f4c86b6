import { type InferenceSession, Tensor } from 'onnxruntime-node';
import { boxesFromProbabilityMap, type DbOptions, DEFAULT_DB_OPTIONS } from './db-boxes.js';
import type { DetectorBoxes, DetectorInput } from './detect.js';

/** Runs the DB detector on a prepared input and post-processes its probability map into boxes. */
export async function runDetector(
  session: InferenceSession,
  input: DetectorInput,
  options: DbOptions = DEFAULT_DB_OPTIONS,
): Promise<DetectorBoxes> {
  const tensor = new Tensor('float32', input.data, input.dims);
  const outputs = await session.run({ [session.inputNames[0] ?? 'x']: tensor });
  const output = outputs[session.outputNames[0] ?? ''];
  const dims = output?.dims ?? [];
  if (output === undefined || dims.length !== 4 || dims[0] !== 1 || dims[1] !== 1) {
    throw new Error(`the text detector returned dims [${dims.join(', ')}], not [1, 1, H, W]`);
  }
  const mapHeight = dims[2] ?? 0;
  const mapWidth = dims[3] ?? 0;
  const boxes = boxesFromProbabilityMap(output.data as Float32Array, mapWidth, mapHeight, options);
  tensor.dispose();
  output.dispose();
  return { boxes, mapWidth, mapHeight };
}
