import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAnswerItems } from '../src/answers/read-items.js';

const jsonl = (...lines: unknown[]) =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');

describe('reading item files', () => {
  let dir: string;
  const write = async (name: string, text: string) => {
    await writeFile(join(dir, name), text);
    return join(dir, name);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'answers-formats-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads mmskills JSONL with defaults filled in', async () => {
    const file = await write(
      'items.jsonl',
      jsonl({ id: 'a', image: 'x.png', question: 'How many?', answer: { kind: 'number', value: 3 } }, '', {
        id: 'b',
        image: ['x.png', 'y.png'],
        question: 'Which?',
        answer: { kind: 'text', value: 'cat' },
        category: 'c',
      }),
    );
    const { items, imagesDir } = await readAnswerItems({ file });
    expect(imagesDir).toBe(dir);
    expect(items).toEqual([
      {
        id: 'a',
        image: 'x.png',
        question: 'How many?',
        answer: { kind: 'number', value: 3, tolerance: 0, relative: false, match: 'first' },
        category: 'uncategorised',
      },
      {
        id: 'b',
        image: ['x.png', 'y.png'],
        question: 'Which?',
        answer: { kind: 'text', value: 'cat' },
        category: 'c',
      },
    ]);
  });

  const good = { id: 'a', image: 'x.png', question: 'Q?', answer: { kind: 'text', value: 'v' } };
  it.each([
    [jsonl(good, '{"id": "b",'), /bad\.jsonl line 2: not JSON/],
    [jsonl(good, { ...good, id: 'b', answer: { kind: 'colour', value: 'red' } }), /line 2: answer\.kind: /],
    [
      jsonl({ ...good, answer: { kind: 'choice', options: ['x', 'y'], correct: 'D' } }),
      /line 1: answer\.correct: correct names a letter past/,
    ],
    [jsonl({ ...good, answer: { kind: 'box', box: [0, 0, 2, 1] } }), /line 1: answer\.box\.2: /],
    [jsonl({ ...good, expected_tools: ['crop'] }), /line 1: \(line\): Unrecognized key: "expected_tools"/],
    [jsonl(good, good), /line 2: id "a" is already used on line 1/],
    [jsonl({ ...good, question: '' }), /line 1: question: /],
    ['\n\n', /holds no item/],
  ])('refuses %j naming the line and what is wrong', async (text, message) => {
    const file = await write('bad.jsonl', text);
    await expect(readAnswerItems({ file })).rejects.toThrow(message);
  });

  it('reads V* Bench lines: options from the question or a list, the label as a letter or an index', async () => {
    const file = await write(
      'test_questions.jsonl',
      jsonl(
        {
          image: 'direct_attributes/sa_1.jpg',
          text: "What is the material of the glove?\n(A) rubber\n(B) cotton\n(C) kevlar\n(D) leather\nAnswer with the option's letter from the given choices directly.",
          category: 'direct_attributes',
          question_id: 0,
          label: 'A',
        },
        {
          image: 'relative_position/sa_2.jpg',
          question: 'Is the ladder left or right of the wagon?',
          options: ['left', 'right'],
        },
        {
          image: 'sa_3.jpg',
          question: 'Colour?',
          choices: ['red', 'blue', 'green'],
          answer: 2,
          question_id: 'q3',
        },
      ),
    );
    const { items } = await readAnswerItems({ file, format: 'vstar' });
    expect(items[0]).toMatchObject({
      id: '0',
      category: 'direct_attributes',
      answer: { kind: 'choice', options: ['rubber', 'cotton', 'kevlar', 'leather'], correct: 'A' },
    });
    expect(items[0]?.question).toContain('(D) leather');
    expect(items[1]).toMatchObject({ id: 'line-2', category: 'relative_position', answer: { correct: 'A' } });
    expect(items[1]?.question).toBe(
      "Is the ladder left or right of the wagon?\n(A) left\n(B) right\nAnswer with the option's letter from the given choices directly.",
    );
    expect(items[2]).toMatchObject({
      id: 'q3',
      category: 'vstar',
      answer: { options: ['red', 'blue', 'green'], correct: 'C' },
    });
  });

  it.each([
    [
      { image: 'a.jpg', text: 'Q?\n(A) x\n(B) y', label: 'E' },
      /line 1: label "E" is not one of the letters A–B/,
    ],
    [{ image: 'a.jpg', text: 'Q with no options', label: 'A' }, /line 1: fewer than two options/],
    [{ image: 'a.jpg', label: 'A', options: ['x', 'y'] }, /line 1: no question/],
    [{ text: 'Q?\n(A) x\n(B) y', label: 'A' }, /line 1: image: /],
  ])('refuses the V* line %j', async (line, message) => {
    const file = await write('vstar-bad.jsonl', jsonl(line));
    await expect(readAnswerItems({ file, format: 'vstar' })).rejects.toThrow(message);
  });

  it('pairs LLaVA-Bench questions with their reference answers, pictures under images/', async () => {
    const bench = join(dir, 'llava-bench');
    await mkdir(join(bench, 'images'), { recursive: true });
    await writeFile(
      join(bench, 'questions.jsonl'),
      jsonl(
        { question_id: 0, image: '001.jpg', text: 'What is the name of this dish?', category: 'conv' },
        { question_id: 1, image: '001.jpg', text: 'Describe the photo.', category: 'detail' },
      ),
    );
    await writeFile(
      join(bench, 'answers_gpt4.jsonl'),
      jsonl(
        { question_id: 1, text: 'A bowl of ramen.', answer_id: 'x', model_id: 'gpt-4' },
        { question_id: 0, text: 'Ramen' },
      ),
    );
    const { items, imagesDir } = await readAnswerItems({
      file: join(bench, 'questions.jsonl'),
      format: 'llava-bench',
    });
    expect(imagesDir).toBe(join(bench, 'images'));
    expect(items.map((item) => [item.id, item.category, item.answer])).toEqual([
      ['0', 'conv', { kind: 'text', value: 'Ramen' }],
      ['1', 'detail', { kind: 'text', value: 'A bowl of ramen.' }],
    ]);
    await writeFile(join(bench, 'few.jsonl'), jsonl({ question_id: 0, text: 'Ramen' }));
    await expect(
      readAnswerItems({
        file: join(bench, 'questions.jsonl'),
        format: 'llava-bench',
        references: join(bench, 'few.jsonl'),
      }),
    ).rejects.toThrow(/questions\.jsonl line 2: question_id 1 has no answer in .*few\.jsonl/);
    await expect(
      readAnswerItems({
        file: join(bench, 'questions.jsonl'),
        format: 'llava-bench',
        references: join(bench, 'none.jsonl'),
      }),
    ).rejects.toThrow(/cannot read the reference answers .*none\.jsonl/);
  });
});
