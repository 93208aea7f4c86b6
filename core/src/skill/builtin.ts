/**
 * The skills that ship with mmskills (the catalogue in the root README): the host runs them when its
 * config names none, the registry publishes them at first start, the CLI configures them.
 */
export const BUILTIN_SKILLS = ['ocr', 'detect', 'face', 'pose', 'segment', 'image'] as const;
export type BuiltinSkill = (typeof BUILTIN_SKILLS)[number];
