/** Why the skill generator refused; `invalid-option` is the caller's usage mistake. */
export type SkillGeneratorErrorCode = 'invalid-option' | 'exists' | 'not-in-repository';

export class SkillGeneratorError extends Error {
  constructor(
    readonly code: SkillGeneratorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SkillGeneratorError';
  }
}
