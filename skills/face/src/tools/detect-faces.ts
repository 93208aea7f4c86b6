import { BoxSchema } from '@mmskills/core';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { annotateFaces } from '../pipeline/annotate-faces.js';
import { EXPRESSIONS } from '../pipeline/face-attributes.js';
import type { FaceModels } from '../pipeline/face-models.js';
import { type FoundFace, findFaces, LANDMARK_NAMES } from '../pipeline/find-faces.js';

export const DetectFacesInputSchema = z.object({
  image: z
    .string()
    .describe(
      'The image: a data: URI, a file path or file:// URI inside the allowed roots, or an allowed URL',
    ),
  landmarks: z
    .boolean()
    .default(true)
    .describe("Return six landmarks per face (eyes, nose, mouth, ears; left/right are the person's own)"),
  attributes: z
    .boolean()
    .default(false)
    .describe('Also estimate age, gender and facial expression for each face (slower; estimates, not facts)'),
  min_score: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe('Lowest detector confidence (0..1) a face needs to be returned'),
  max_faces: z.number().int().min(1).max(100).default(20).describe('At most this many faces, best first'),
});
export type DetectFacesInput = z.infer<typeof DetectFacesInputSchema>;

const Unit = z.number().min(0).max(1);
const Scored = <T extends z.ZodType>(label: T, what: string) =>
  z.object({
    label: label.describe(what),
    score: Unit.describe('The model’s probability for this label (0..1)'),
  });

export const DetectFacesOutputSchema = z.object({
  faces: z
    .array(
      z.object({
        box: BoxSchema,
        score: Unit.describe('Detector confidence (0..1)'),
        landmarks: z
          .array(
            z.object({
              name: z.enum(LANDMARK_NAMES).describe("Which point; left/right are the person's own"),
              x: Unit.describe('Horizontal position as a fraction of the image width'),
              y: Unit.describe('Vertical position as a fraction of the image height'),
            }),
          )
          .optional()
          .describe('Six facial landmarks, present when landmarks is true'),
        age: z.number().min(0).optional().describe('Estimated age in years, present when attributes is true'),
        gender: Scored(z.enum(['female', 'male']), 'Estimated gender as it appears')
          .optional()
          .describe('Estimated gender, present when attributes is true'),
        expression: Scored(z.enum(EXPRESSIONS), 'Most likely facial expression')
          .optional()
          .describe('Estimated facial expression, present when attributes is true'),
      }),
    )
    .describe('Faces found, best first; empty when there are none'),
});
export type DetectFacesOutput = z.infer<typeof DetectFacesOutputSchema>;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function present(face: FoundFace): DetectFacesOutput['faces'][number] {
  return {
    box: face.box.map((v) => round(v, 4)) as DetectFacesOutput['faces'][number]['box'],
    score: round(face.score, 3),
    ...(face.landmarks && {
      landmarks: face.landmarks.map(({ name, x, y }) => ({ name, x: round(x, 4), y: round(y, 4) })),
    }),
    ...(face.age !== undefined && { age: Math.round(face.age) }),
    ...(face.gender && { gender: { label: face.gender.label, score: round(face.gender.score, 3) } }),
    ...(face.expression && {
      expression: { label: face.expression.label, score: round(face.expression.score, 3) },
    }),
  };
}

function describeFace(face: DetectFacesOutput['faces'][number]): string {
  const facts = [
    face.gender && `${face.gender.label} ${face.gender.score}`,
    face.age !== undefined && `age ~${face.age}`,
    face.expression && `${face.expression.label} ${face.expression.score}`,
  ].filter(Boolean);
  return `face ${face.score} [${face.box.join(', ')}]${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

/** The `detect_faces` tool over the given models. */
export function createDetectFaces(models: FaceModels) {
  return defineTool({
    name: 'detect_faces',
    title: 'Detect faces',
    description:
      'Finds human faces in an image: a box and confidence per face, six landmarks (eyes, nose, mouth, ears), ' +
      'and optionally estimated age, gender and expression. Returns the image with the faces drawn.',
    input: DetectFacesInputSchema,
    output: DetectFacesOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('face'),
    examples: [
      {
        request: 'How many faces are in this picture?',
        API_params: { image: 'image_1' },
        answer: 'Faces found: {faces.length}.',
      },
      {
        request: 'Where are the faces in this photo?',
        API_params: { image: 'image_1', landmarks: false },
        answer: 'Faces found: {faces.length}; boxes: {faces[].box|none}.',
      },
      {
        request: 'Estimate the age and expression of the people in this image.',
        API_params: { image: 'image_1', attributes: true },
        answer:
          'Faces: {faces.length}. Estimated ages: {faces[].age|none}; expressions: {faces[].expression.label|none} (estimates, not facts).',
      },
    ],
    async run(input, context) {
      const image = await context.loadImage(input.image);
      const found = await findFaces(models, image, {
        landmarks: input.landmarks,
        attributes: input.attributes,
        minScore: input.min_score,
        maxFaces: input.max_faces,
        onStage: (stage) => context.progress(stage),
      });
      const faces = found.map(present);
      context.progress('drawing the faces');
      const picture = await annotateFaces(image, faces);
      const text =
        faces.length === 0
          ? 'No faces found.'
          : `${faces.length} face${faces.length === 1 ? '' : 's'}: ${faces.map(describeFace).join('; ')}`;
      return { structured: { faces }, images: [picture], text };
    },
  });
}
