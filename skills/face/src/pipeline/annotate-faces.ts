import type { Rgb } from '@mmskills/core';
import { type DecodedImage, drawAnnotations } from '@mmskills/image';
import type { ToolImage } from '@mmskills/skill-kit';

/** What the picture shows of one face: its box, score and landmarks, in fractions of the image. */
export interface FaceDrawing {
  box: readonly [number, number, number, number];
  score: number;
  landmarks?: ReadonlyArray<{ x: number; y: number }>;
}

// Long side of the annotated picture: enough to see faces, small enough for a model's context.
const MAX_SIDE = 1280;
const BOX: Rgb = [0, 230, 64];
// BlazeFace order: right eye, left eye, nose, mouth, right ear, left ear.
const LANDMARK_COLOURS: readonly Rgb[] = [
  [0, 200, 255],
  [0, 200, 255],
  [255, 220, 0],
  [255, 0, 160],
  [255, 128, 0],
  [255, 128, 0],
];

/** The image (long side at most 1280 px) with each face's box, "face <score>" caption and landmarks, as JPEG. */
export async function annotateFaces(image: DecodedImage, faces: readonly FaceDrawing[]): Promise<ToolImage> {
  const { data, mimeType } = await drawAnnotations(
    image,
    {
      boxes: faces.map((face) => ({ box: face.box, label: 'face', score: face.score, color: BOX })),
      keypoints: faces.flatMap((face) =>
        (face.landmarks ?? []).map((point, i) => ({ ...point, color: LANDMARK_COLOURS[i] ?? BOX })),
      ),
      maxSide: MAX_SIDE,
    },
    'jpeg',
    85,
  );
  return { data, mimeType };
}
