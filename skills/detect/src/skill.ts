import { MmskillsError } from '@mmskills/core';
import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { centerNetDetector } from './pipeline/centernet.js';
import type { Detector } from './pipeline/detector.js';
import { yoloOnnxDetector } from './pipeline/yolo-onnx.js';
import { detectObjectsTool } from './tools/detect-objects.js';

/** Where the detect skill's model comes from; both empty means the shipped CenterNet. */
export interface DetectSkillOptions {
  /** A YOLO-format ONNX file (`--model`, `MMSKILLS_DETECT_MODEL`). */
  model?: string;
  /** Its class names, one per line (`--labels`, `MMSKILLS_DETECT_LABELS`); COCO-80 when absent. */
  labels?: string;
}

function detectorFor(options: DetectSkillOptions): Detector {
  if (options.model) {
    return yoloOnnxDetector({
      modelPath: options.model,
      ...(options.labels && { labelsPath: options.labels }),
    });
  }
  if (options.labels) return misconfigured(options.labels);
  return centerNetDetector();
}

/** A labels file without a model is a mistake worth reporting, not ignoring. */
function misconfigured(labels: string): Detector {
  const fail = async (): Promise<never> => {
    throw new MmskillsError(
      'model_failed',
      `--labels / MMSKILLS_DETECT_LABELS ("${labels}") only applies with --model / MMSKILLS_DETECT_MODEL; ` +
        'give the YOLO ONNX model too, or drop the labels setting to use the built-in COCO detector',
    );
  };
  return {
    labels: fail,
    detect: fail,
    load: fail,
    unload: async () => {},
    status: () => ({ source: 'none', error: 'labels without model' }),
  };
}

/**
 * The detect skill with its own detector instance (loaded lazily, once).
 * @see ../README.md#tools
 */
export function createDetectSkill(options: DetectSkillOptions = {}): SkillDefinition {
  const detector = detectorFor(options);
  const detectObjects = detectObjectsTool(detector);
  return defineSkill({
    name: 'detect',
    title: 'Object detection',
    description: 'Finds objects (80 COCO classes, or your YOLO ONNX model) in photos: labels, scores, boxes.',
    version: '0.1.0',
    packageName: '@mmskills/skill-detect',
    // The skill is its one tool, and shows the same picture.
    icons: detectObjects.icons,
    tools: [detectObjects],
    load: () => detector.load(),
    unload: () => detector.unload(),
    model: () => detector.status(),
    concurrency: 1,
  });
}
