import { type Box, clampBox } from '@mmskills/core';
import type { DecodedImage } from '@mmskills/image';
import type { FaceCandidate } from './decode-detections.js';
import { detectCandidates } from './detect-candidates.js';
import { estimateAttributes, type FaceAttributes } from './face-attributes.js';
import type { FaceModels } from './face-models.js';
import { faceFlag } from './verify-face.js';

/** BlazeFace's six keypoints, in its output order; left and right are the person's own. */
export const LANDMARK_NAMES = ['right_eye', 'left_eye', 'nose', 'mouth', 'right_ear', 'left_ear'] as const;
export type LandmarkName = (typeof LANDMARK_NAMES)[number];

export interface FindFacesOptions {
  landmarks: boolean;
  attributes: boolean;
  minScore: number;
  maxFaces: number;
  /** Told what the pipeline does next (`checking possible face 2 of 5`), for a caller reporting progress. */
  onStage?: (stage: string) => void;
}

/** One face found, in fractions of the image. */
export interface FoundFace extends Partial<FaceAttributes> {
  box: Box;
  score: number;
  landmarks?: Array<{ name: LandmarkName; x: number; y: number }>;
}

// FaceMesh's face flag is near 1 for faces and near 0 for what merely resembles one.
const MIN_FACE_FLAG = 0.5;

function pixelBox(candidate: FaceCandidate, image: DecodedImage): [number, number, number, number] {
  const [x1, y1, x2, y2] = candidate.box;
  return [x1 * image.width, y1 * image.height, x2 * image.width, y2 * image.height];
}

/**
 * Detects faces (BlazeFace), keeps those FaceMesh confirms, best first, at most `maxFaces`, and
 * optionally estimates age, gender and expression for each.
 */
export async function findFaces(
  models: FaceModels,
  image: DecodedImage,
  options: FindFacesOptions,
): Promise<FoundFace[]> {
  const { onStage } = options;
  // Models load on first use: only the first call spends long enough here to be told about.
  onStage?.('loading the face models');
  const detection = await models.detection();
  onStage?.('finding faces');
  const candidates = await detectCandidates(detection, image, options.minScore);
  const confirmed: FaceCandidate[] = [];
  for (const [index, candidate] of candidates.entries()) {
    if (confirmed.length >= options.maxFaces) break;
    onStage?.(`checking possible face ${index + 1} of ${candidates.length}`);
    if ((await faceFlag(detection, image, pixelBox(candidate, image))) >= MIN_FACE_FLAG) {
      confirmed.push(candidate);
    }
  }
  const wantAttributes = options.attributes && confirmed.length > 0;
  if (wantAttributes) onStage?.('loading the age, gender and expression models');
  const attributeModels = wantAttributes ? await models.attributes() : undefined;
  const faces: FoundFace[] = [];
  for (const [index, candidate] of confirmed.entries()) {
    if (attributeModels)
      onStage?.(`estimating age, gender and expression, face ${index + 1} of ${confirmed.length}`);
    const face: FoundFace = { box: clampBox(candidate.box), score: candidate.score };
    if (options.landmarks) {
      face.landmarks = LANDMARK_NAMES.map((name, i) => {
        const [x = 0, y = 0] = candidate.keypoints[i] ?? [];
        return { name, x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) };
      });
    }
    if (attributeModels)
      Object.assign(face, await estimateAttributes(attributeModels, image, pixelBox(candidate, image)));
    faces.push(face);
  }
  return faces;
}
