/**
 * The skills that ship with mmskills (the catalogue in the root README): the host runs them when its
 * config names none, the registry publishes them at first start, the CLI configures them. The last
 * five run models no npm package ships (`mmskills model pull`); without one they start and answer
 * each call with the pull command.
 */
export const BUILTIN_SKILLS = [
  'ocr',
  'detect',
  'face',
  'pose',
  'segment',
  'image',
  'ground',
  'sam',
  'caption',
  'clip',
  'inpaint',
] as const;
export type BuiltinSkill = (typeof BUILTIN_SKILLS)[number];
