import { describe, expect, it } from 'vitest';
import { isMmskillsError } from '../errors.js';
import { buildObservation } from './observation.js';

const SUFFIX = 'Please summarize the model outputs and answer my first question: ';

describe('buildObservation', () => {
  it('writes one result as LLaVA-Plus does', () => {
    const text = buildObservation({
      results: [{ API_name: 'detect_objects', output: { boxes: [[0.1, 0.2, 0.5, 0.6]], labels: ['dog'] } }],
      question: 'Where is the dog?',
    });
    expect(text).toBe(
      `detect_objects model outputs: {"boxes":[[0.1,0.2,0.5,0.6]],"labels":["dog"]}\n\n${SUFFIX}Where is the dog?`,
    );
  });

  it('joins several results with a blank line', () => {
    const text = buildObservation({
      results: [
        { API_name: 'read_text', output: 'STOP' },
        { API_name: 'image_info', output: [640, 480] },
      ],
      question: 'What does the sign say?',
    });
    expect(text).toBe(
      `read_text model outputs: "STOP"\n\nimage_info model outputs: [640,480]\n\n${SUFFIX}What does the sign say?`,
    );
  });

  it('writes an undefined output as null', () => {
    expect(buildObservation({ results: [{ API_name: 'x', output: undefined }], question: 'q' })).toBe(
      `x model outputs: null\n\n${SUFFIX}q`,
    );
  });

  it('refuses no results and outputs that are not JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const results of [[], [{ API_name: 'x', output: cyclic }], [{ API_name: 'x', output: 1n }]]) {
      let caught: unknown;
      try {
        buildObservation({ results, question: 'q' });
      } catch (error) {
        caught = error;
      }
      expect(isMmskillsError(caught, 'invalid_argument')).toBe(true);
    }
  });
});
