import { BoxSchema, COCO_KEYPOINTS, clampBox } from '@mmskills/core';
import { defineTool } from '@mmskills/skill-kit';
import { z } from 'zod';
import { icon } from '../icons.js';
import { annotatePoses } from '../pipeline/annotate-poses.js';
import type { Pose } from '../pipeline/decode-poses.js';
import { estimatePoses } from '../pipeline/estimate-poses.js';
import type { PoseModel } from '../pipeline/pose-model.js';

export const DetectPoseInputSchema = z.object({
  image: z
    .string()
    .describe(
      'The image: a data: URI, a file path or file:// URI inside the allowed roots, or an allowed URL',
    ),
  min_score: z
    .number()
    .min(0)
    .max(1)
    .default(0.3)
    .describe('Lowest person confidence (0..1) to return someone; keypoints below it are not drawn'),
});
export type DetectPoseInput = z.infer<typeof DetectPoseInputSchema>;

const Unit = z.number().min(0).max(1);

export const DetectPoseOutputSchema = z.object({
  people: z
    .array(
      z.object({
        box: BoxSchema,
        score: Unit.describe('Confidence that this is a person (0..1)'),
        keypoints: z
          .array(
            z.object({
              name: z.enum(COCO_KEYPOINTS).describe("COCO keypoint name; left/right are the person's own"),
              x: Unit.describe('Horizontal position as a fraction of the image width'),
              y: Unit.describe('Vertical position as a fraction of the image height'),
              score: Unit.describe('Confidence of this keypoint (0..1); below about 0.3 it is a guess'),
            }),
          )
          .describe('All 17 COCO keypoints in order, nose first, each with its own confidence'),
      }),
    )
    .describe('People found, best first; empty when there are none'),
});
export type DetectPoseOutput = z.infer<typeof DetectPoseOutputSchema>;
type Person = DetectPoseOutput['people'][number];

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const clamp = (value: number) => Math.min(1, Math.max(0, value));

function present(pose: Pose): Person {
  return {
    box: clampBox(pose.box).map((v) => round(v, 4)) as Person['box'],
    score: round(pose.score, 3),
    keypoints: pose.keypoints.map(({ name, x, y, score }) => ({
      name,
      x: round(clamp(x), 4),
      y: round(clamp(y), 4),
      score: round(score, 3),
    })),
  };
}

function describePerson(person: Person, minScore: number): string {
  const sure = person.keypoints.filter((k) => k.score >= minScore).map((k) => k.name);
  return (
    `person ${person.score} [${person.box.join(', ')}], ${sure.length} of 17 keypoints ≥ ${minScore}` +
    (sure.length > 0 ? ` (${sure.join(', ')})` : '')
  );
}

/** The `detect_pose` tool over the given model. */
export function createDetectPose(model: PoseModel) {
  return defineTool({
    name: 'detect_pose',
    title: 'Detect body pose',
    description:
      'Finds people in an image and their body pose: per person a box, a confidence and 17 COCO keypoints ' +
      '(nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles). Returns the image with skeletons drawn.',
    input: DetectPoseInputSchema,
    output: DetectPoseOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    icons: icon('pose'),
    examples: [
      {
        request: 'Find the body keypoints of the people in this image.',
        API_params: { image: 'image_1' },
        answer: 'People found: {people.length}; the first is in the box {people[0].box|(nobody found)}.',
      },
      {
        request: 'How many people can you see?',
        API_params: { image: 'image_1' },
        answer: 'People I can see: {people.length}.',
      },
      {
        request: 'Detect the poses of people you are at least 50% sure of.',
        API_params: { image: 'image_1', min_score: 0.5 },
        answer: 'People with a confidence of at least 0.5: {people.length}; scores: {people[].score|none}.',
      },
    ],
    async run(input, context) {
      const image = await context.loadImage(input.image);
      // Only the first call waits here long enough for a heartbeat to say so.
      context.progress('loading the pose model');
      const loaded = await model.load();
      context.progress('finding people and their keypoints');
      const poses = await estimatePoses(loaded, image, input.min_score);
      const people = poses.map(present);
      context.progress('drawing the skeletons');
      const picture = await annotatePoses(image, people, input.min_score);
      const text =
        people.length === 0
          ? 'No people found.'
          : `${people.length} ${people.length === 1 ? 'person' : 'people'}: ${people
              .map((person) => describePerson(person, input.min_score))
              .join('; ')}`;
      return { structured: { people }, images: [picture], text };
    },
  });
}
