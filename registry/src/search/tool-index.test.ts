import type { ToolDescriptor } from '@mmskills/core';
import { describe, expect, it } from 'vitest';
import { ToolIndex } from './tool-index.js';

const tool = (name: string, description: string, params: Record<string, string> = {}): string =>
  JSON.stringify({
    name,
    description,
    inputSchema: {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(params).map(([key, text]) => [key, { type: 'string', description: text }]),
      ),
    },
  } satisfies ToolDescriptor);

const names = (index: ToolIndex, query: string, limit = 10) =>
  index.search(query, limit).map((hit) => `${hit.serverName}:${hit.tool.name}`);

describe('ToolIndex', () => {
  it('ranks a hit in the name above one in the description, and more matched words above fewer', () => {
    const index = new ToolIndex();
    index.setServer('a', '1.0.0', [tool('blur_faces', 'Hides people in a photo.')]);
    index.setServer('b', '1.0.0', [tool('detect_objects', 'Finds faces, cars and text.')]);
    index.setServer('c', '1.0.0', [tool('read_text', 'Reads printed text.', { image: 'a photo' })]);
    expect(names(index, 'faces')).toEqual(['a:blur_faces', 'b:detect_objects']);
    expect(names(index, 'text')).toEqual(['c:read_text', 'b:detect_objects']);
    // read_text matches "text" and "photo"; detect_objects matches "text" and "faces" in one field.
    expect(names(index, 'text in the photo')).toEqual(['c:read_text', 'a:blur_faces', 'b:detect_objects']);
  });

  it('matches words of three or more letters as prefixes, shorter ones whole', () => {
    const index = new ToolIndex();
    index.setServer('a', '1.0.0', [tool('count_cars', 'Counts cars on a road.')]);
    index.setServer('b', '1.0.0', [tool('ca_lookup', 'Finds a CA certificate.')]);
    expect(names(index, 'car')).toEqual(['a:count_cars']);
    expect(names(index, 'ca')).toEqual(['b:ca_lookup']);
    expect(names(index, 'Café')).toEqual([]);
  });

  it('answers nothing for queries of stop words, symbols or unknown words', () => {
    const index = new ToolIndex();
    index.setServer('a', '1.0.0', [tool('read_text', 'Reads text.')]);
    expect(index.search('what is this?', 5)).toEqual([]);
    expect(index.search('"); DROP TABLE tools; --', 5)).toEqual([]);
    expect(index.search('zebra', 5)).toEqual([]);
  });

  it('replaces a server’s tools when it is set again, and drops them when set to none', () => {
    const index = new ToolIndex();
    index.setServer('a', '1.0.0', [tool('read_text', 'Reads text.')]);
    index.setServer('a', '2.0.0', [tool('read_words', 'Reads words.')]);
    expect(index.search('read', 5).map((hit) => [hit.version, hit.tool.name])).toEqual([
      ['2.0.0', 'read_words'],
    ]);
    expect(index.search('text', 5)).toEqual([]);
    index.setServer('a', '', []);
    expect(index.search('read', 5)).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('stays correct after replaced versions outnumber live tools and the lists are compacted', () => {
    const index = new ToolIndex();
    index.setServer('kept', '1.0.0', [tool('detect_objects', 'Finds objects.')]);
    for (let version = 0; version < 3000; version += 1)
      index.setServer('churn', `1.0.${version}`, [tool('detect_faces', `Finds faces, build ${version}.`)]);
    expect(index.size).toBe(2);
    expect(index.search('detect', 5).map((hit) => `${hit.serverName}@${hit.version}`)).toEqual([
      'kept@1.0.0',
      'churn@1.0.2999',
    ]);
    expect(names(index, 'objects')).toEqual(['kept:detect_objects']);
  });

  it('breaks exact ties in favour of the tool indexed first, and honours the limit', () => {
    const index = new ToolIndex();
    for (const name of ['z', 'm', 'a', 'q'])
      index.setServer(name, '1.0.0', [tool('crop', 'Crops an image.')]);
    expect(names(index, 'crop', 3)).toEqual(['z:crop', 'm:crop', 'a:crop']);
    const [first, second] = index.search('crop', 2);
    expect(first?.score).toBe(second?.score);
    expect(first?.score).toBeGreaterThan(0);
  });
});
