import { describe, expect, it } from 'vitest';
import type { PoolTool } from '../pool/pool.js';
import { selectTools } from './select-tools.js';

const tool = (skill: string, name: string, description: string): PoolTool => ({
  skill,
  name,
  qualifiedName: `${skill}__${name}`,
  tool: { name, description, inputSchema: { type: 'object' } },
});

// 20 tools, past the default of 16 that all go into the prompt.
const catalogue = Array.from({ length: 20 }, (_, i) => tool('s', `tool_${i}`, `does thing number${i}`));
catalogue[3] = tool('ocr', 'read_text', 'reads the text of a page');
catalogue[12] = tool('detect', 'detect_objects', 'finds objects such as cats');
catalogue[17] = tool('face', 'detect_faces', 'finds faces');
const options = { maxAll: 16, topK: 2, pinned: ['tool_0'] };

describe('selectTools', () => {
  it('offers every tool when there are few', async () => {
    expect(await selectTools(catalogue.slice(0, 5), 'anything', options)).toEqual(catalogue.slice(0, 5));
  });

  it('keeps the pinned tools first and the rest in catalogue order, whatever their rank', async () => {
    // The search ranks faces above text; the prompt still lists them as the catalogue does.
    const search = async () => [
      { skill: 'face', tool: 'detect_faces' },
      { skill: 'ocr', tool: 'read_text' },
    ];
    const chosen = await selectTools(catalogue, 'read the page, then find faces', { ...options, search });
    expect(chosen.map((entry) => entry.name)).toEqual(['tool_0', 'read_text', 'detect_faces']);
  });

  it('falls back to local word overlap when the search fails', async () => {
    const search = async () => {
      throw new Error('registry down');
    };
    const failures: string[] = [];
    const onSearchError = (error: Error) => failures.push(error.message);
    const chosen = await selectTools(catalogue, 'find the cats and objects', {
      ...options,
      search,
      onSearchError,
    });
    expect(failures).toEqual(['registry down']);
    expect(chosen.map((entry) => entry.name)).toContain('detect_objects');
    expect(chosen[0]?.name).toBe('tool_0');
    expect(chosen).toHaveLength(3);
  });

  it('takes hits for any skill the host runs now, and drops the rest against the current tools', async () => {
    const search = async () => [
      { skill: 'gone', tool: 'read_text' },
      { skill: 'face', tool: 'detect_faces' },
    ];
    const chosen = await selectTools(catalogue, 'faces', { ...options, search });
    expect(chosen.map((entry) => entry.qualifiedName)).toEqual(['s__tool_0', 'face__detect_faces']);
  });
});
