import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTurn } from '@mmskills/core';
import type { SkillPool } from '@mmskills/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinPool } from '../src/builtin-pool.js';
import { type GenerateResult, generateSamples } from '../src/generate.js';
import { allTasks, orderTasks } from '../src/plan.js';
import { seededRandom } from '../src/prng.js';
import { questionOf, type Sample } from '../src/sample.js';

const photos = new URL('../../../test/photos', import.meta.url).pathname;
// A scanned page (text, no face), a portrait (a face and a person, no text), a cat (no face, no text).
const MIXED = ['page.png', 'astronaut.png', 'chelsea.png'];
const FACE_WORDS = /\b(faces?|ages?|expressions?|anonymi[sz]e)\b/i;
const TEXT_WORDS = /\b(text|written|writing|read|reads|say|says|sign|lines)\b/i;

const kindOf = (sample: Sample) => sample.id.split(':')[1];
const actionsOf = (sample: Sample) =>
  sample.conversations.filter((turn) => turn.from === 'gpt').flatMap((turn) => parseTurn(turn.value).actions);
const answerOf = (sample: Sample) => parseTurn(sample.conversations.at(-1)?.value ?? '').value;
const pngSize = (data: Buffer) => ({ width: data.readUInt32BE(16), height: data.readUInt32BE(20) });

describe('generate surveys each picture and asks only what fits it', () => {
  let dir: string;
  let pool: SkillPool;
  let result: GenerateResult;
  const on = (picture: string) => result.samples.filter((sample) => sample.id.startsWith(`${picture}:`));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mmskills-survey-'));
    for (const name of MIXED) await copyFile(join(photos, name), join(dir, name));
    pool = builtinPool(['image', 'ocr', 'detect', 'face', 'pose'], { source: true });
    // More than there are tasks: every task the plan allows is run, so the checks below see them all.
    result = await generateSamples({ pool, imagesDir: dir, count: 1000, seed: 'survey' });
  }, 600_000);

  afterAll(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('surveys each picture once with the real skills', () => {
    expect(result.skipped).toEqual([]);
    const survey = (name: string) => result.survey.pictures.get(name);
    expect([...result.survey.pictures.keys()].sort()).toEqual([...MIXED].sort());
    expect(survey('astronaut.png')?.faces?.length).toBeGreaterThan(0);
    expect(survey('astronaut.png')?.lines).toEqual([]);
    expect(survey('chelsea.png')?.faces).toEqual([]);
    expect(survey('chelsea.png')?.objects?.map((object) => object.label)).toContain('cat');
    expect(survey('page.png')?.lines?.length).toBeGreaterThan(2);
    expect(survey('page.png')?.size).toEqual({ width: 384, height: 191 });
  });

  it('never asks a face question of a picture without faces, except "are there any?" answered no', () => {
    const faceless = [...on('chelsea.png'), ...on('page.png')];
    expect(faceless.length).toBeGreaterThan(40);
    for (const sample of faceless) {
      const faceCall = actionsOf(sample).some((action) => action.API_name === 'detect_faces');
      if (!faceCall && !FACE_WORDS.test(questionOf(sample))) continue;
      expect(sample.id).toBe(`${sample.id.split(':')[0]}:negative:any-faces:0`);
      expect(answerOf(sample)).toMatch(/^No, /);
    }
    expect(on('astronaut.png').map((sample) => sample.id)).toEqual(
      expect.arrayContaining(['astronaut.png:chain:blur-faces:1', 'astronaut.png:tool:detect_faces:2']),
    );
  });

  it('never asks a text question of a picture without text, except "is there any?" answered no', () => {
    for (const sample of [...on('chelsea.png'), ...on('astronaut.png')]) {
      const textCall = actionsOf(sample).some((action) => action.API_name === 'read_text');
      if (!textCall && !TEXT_WORDS.test(questionOf(sample))) continue;
      expect(sample.id).toBe(`${sample.id.split(':')[0]}:negative:any-text:0`);
      expect(answerOf(sample)).toMatch(/^No, /);
    }
    expect(on('page.png').some((sample) => sample.id.startsWith('page.png:chain:crop-read'))).toBe(true);
  });

  it('names only classes the survey found, and asks about absent ones only as negatives', () => {
    for (const sample of result.samples) {
      const [picture, kind, name, label] = sample.id.split(':');
      const found =
        result.survey.pictures.get(picture as string)?.objects?.map((object) => object.label) ?? [];
      if (kind === 'ask' && (name === 'where' || name === 'count')) expect(found).toContain(label);
      if (kind === 'negative' && name === 'absent') expect(found).not.toContain(label);
    }
    expect(result.samples.map((sample) => sample.id)).toEqual(
      expect.arrayContaining(['chelsea.png:ask:where:cat', 'astronaut.png:ask:count:person']),
    );
    expect(
      on('chelsea.png').some(
        (sample) => /person|people/.test(questionOf(sample)) && kindOf(sample) !== 'negative',
      ),
    ).toBe(false);
    expect(
      answerOf(result.samples.find((sample) => sample.id === 'chelsea.png:ask:where:cat') as Sample),
    ).toMatch(/^There is a cat .*\(box \[/);
  });

  it('keeps negatives a minority of a mixed set', async () => {
    const pictures = MIXED.map((name) => ({ name, path: join(dir, name), mimeType: 'image/png' }));
    const tasks = allTasks(pictures, await pool.tools(), result.survey.pictures);
    const first = orderTasks(tasks, 40, seededRandom('survey')).slice(0, 40);
    expect(first.filter((task) => task.kind === 'negative')).toHaveLength(4);
    expect(tasks.filter((task) => task.kind === 'negative').length).toBeGreaterThan(20);
  });

  it('zooms on the small print the survey found, and reads the zoomed picture it returned', async () => {
    expect((await pool.tools()).map((entry) => entry.name)).toContain('zoom_in');
    const zooms = result.samples.filter((sample) => kindOf(sample) === 'zoom');
    expect(zooms.length).toBeGreaterThan(1);
    for (const sample of zooms) {
      expect(sample.id).toMatch(/^page\.png:zoom:read:\d$/);
      const [zoom, read] = actionsOf(sample);
      expect(zoom).toMatchObject({ API_name: 'zoom_in', API_params: { image: 'image_1' } });
      expect(read).toEqual({ API_name: 'read_text', API_params: { image: 'image_2' } });
      const observation = sample.conversations[2]?.value ?? '';
      expect(observation).toMatch(/\n<image_2> from image\/zoom_in:<image>$/);
      const output = JSON.parse(/^zoom_in model outputs: (.*)\n\nPlease/s.exec(observation)?.[1] ?? '{}');
      expect(sample.image).toEqual(['page.png', `${sample.id.replaceAll(':', '_')}_image_2.png`]);
      const made = result.made.find((image) => image.name === sample.image?.[1]);
      expect(made && pngSize(made.data)).toEqual({ width: output.width, height: output.height });
      const text = JSON.parse(
        /^read_text model outputs: (.*)\n\nPlease/s.exec(sample.conversations[4]?.value ?? '')?.[1] ?? '{}',
      ).text;
      const where = /small text (.*) say\?$/.exec(questionOf(sample))?.[1];
      expect(answerOf(sample)).toBe(
        text
          ? `The text ${where} reads:\n${text}`
          : `I zoomed in on the text ${where} but could not read it.`,
      );
    }
    const title = zooms.find((sample) => questionOf(sample) === 'What does the small text at the top say?');
    expect(answerOf(title as Sample)).toBe('The text at the top reads:\nRegion-based segmentation');
  });

  it('leaves out tool examples whose words do not fit the picture (a sign to read, a person in the distance)', () => {
    const questions = result.samples.map(questionOf);
    expect(questions).not.toContain('What does the small sign in the top-right corner say?');
    expect(questions).not.toContain('Look more closely at the person in the distance.');
    expect(questions.filter((question) => question === 'Zoom into the centre of the picture.')).toHaveLength(
      3,
    );
  });
});
