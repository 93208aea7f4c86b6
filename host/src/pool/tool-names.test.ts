import { describe, expect, it } from 'vitest';
import { agentNames, qualifiedName } from './tool-names.js';

describe('tool names', () => {
  it('qualifies with the skill and folds dashes', () => {
    expect(qualifiedName('my-ocr', 'read_text')).toBe('my_ocr__read_text');
  });

  it('keeps unique names and qualifies only colliding ones', () => {
    const names = agentNames([
      { skill: 'ocr', tool: 'read_text' },
      { skill: 'image', tool: 'crop' },
      { skill: 'other', tool: 'crop' },
    ]);
    expect(names).toEqual(['read_text', 'image__crop', 'other__crop']);
  });
});
