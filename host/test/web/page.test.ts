import { photoPath } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../../src/config/schema.js';
import { createHost, type Host } from '../../src/host.js';
import { quietLog, scriptedHost, skills } from '../fixtures/hosts.js';
import { naturalWidth, type OpenPage, openPage, relativeBox } from './browser-harness.js';

const turns = [
  {
    thoughts: 'Look for cats.',
    actions: [{ API_name: 'detect_objects', API_params: { image: 'image_1', labels: ['cat'] } }],
    value: 'Looking.',
  },
  { thoughts: 'Found one.', actions: [], value: 'There is a cat.' },
];

// Set MMSKILLS_SCREENSHOT=/tmp/page.png to keep a picture of the finished chat for a human to look at.
const screenshotPath = process.env.MMSKILLS_SCREENSHOT;

describe('the web page with a model', () => {
  let host: Host;
  let open: OpenPage;

  beforeAll(async () => {
    host = await scriptedHost(turns, skills('detect', 'image'));
    open = await openPage(host);
  }, 120_000);

  afterAll(async () => {
    await open?.stop();
    await host?.close();
  });

  it('sends a photo, a drawn box and a question; streams steps, boxes and the answer', async () => {
    const { page } = open;
    await page.locator('#status .chip.ok', { hasText: 'detect: ready, 1 tool' }).waitFor();
    expect(await page.locator('#status').textContent()).toMatch(/^Model: .+ \(scripted, /);

    await page.setInputFiles('#image', photoPath('chelsea'));
    const preview = page.locator('#preview-img');
    await preview.waitFor();
    const shown = await preview.boundingBox();
    if (!shown) throw new Error('no preview');
    await page.mouse.move(shown.x + shown.width * 0.1, shown.y + shown.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(shown.x + shown.width * 0.6, shown.y + shown.height * 0.9, { steps: 5 });
    await page.mouse.up();
    expect(await page.locator('#box-state').textContent()).toMatch(
      /^Box \[0\.1\d*, 0\.2\d*, 0\.6\d*, 0\.9\d*\]/,
    );

    const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/messages'));
    await page.fill('#question', 'Is there a cat?');
    await page.press('#question', 'Enter');
    const sent = (await request).postDataJSON() as { text: string; images: string[]; box: number[] };
    expect(sent.text).toBe('Is there a cat?');
    expect(sent.images[0]).toMatch(/^data:image\/png;base64,/);
    expect(sent.box.map((v) => Math.round(v * 10) / 10)).toEqual([0.1, 0.2, 0.6, 0.9]);

    await page.locator('.answer strong', { hasText: 'There is a cat.' }).waitFor();
    expect(await page.locator('.thought').allTextContents()).toEqual(['Look for cats.', 'Found one.']);
    expect(await page.locator('.action .tool').allTextContents()).toEqual(['detect_objects']);
    const observation = JSON.parse((await page.locator('details.observation pre').textContent()) ?? '') as {
      objects: Array<{ label: string; box: number[] }>;
      new_images: string[];
    };
    expect(observation.new_images).toEqual(['image_2']);
    const cat = observation.objects.find((object) => object.label === 'cat');
    if (!cat) throw new Error('the detector found no cat');

    const photo = page.locator('figure[data-handle="image_1"]');
    const overlay = photo.locator('.box.tool[data-label="cat"]');
    expect(await overlay.count()).toBe(1);
    expect(await overlay.textContent()).toMatch(/^cat \d+%$/);
    await photo.locator('.box.user[data-label="your box"]').waitFor();
    const image = await photo.locator('img').boundingBox();
    const drawn = await overlay.boundingBox();
    if (!image || !drawn) throw new Error('the photo or its overlay is not laid out');
    relativeBox(drawn, image).forEach((v, i) => {
      expect(Math.abs(v - (cat.box[i] ?? -1))).toBeLessThan(0.02);
    });

    const annotated = page.locator('figure[data-handle="image_2"] img');
    await expect.poll(() => naturalWidth(annotated)).toBeGreaterThan(0);
    expect(await annotated.isVisible()).toBe(true);
    expect(await annotated.getAttribute('alt')).toContain('detect/detect_objects');
    expect(await page.locator('#question').inputValue()).toBe('');
    expect(await page.locator('#preview').isHidden()).toBe(true);
    await page.screenshot({ fullPage: true, ...(screenshotPath ? { path: screenshotPath } : {}) });

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    const narrow = relativeBox(
      (await overlay.boundingBox()) ?? drawn,
      (await photo.locator('img').boundingBox()) ?? image,
    );
    expect(Math.abs((narrow[2] ?? 0) - (cat.box[2] ?? 0))).toBeLessThan(0.02);
    if (screenshotPath)
      await page.screenshot({ fullPage: true, path: screenshotPath.replace(/\.png$/, '-375.png') });

    expect(open.errors).toEqual([]);
    expect(open.consoleProblems).toEqual([]);
    expect(open.foreignRequests).toEqual([]);
  }, 120_000);
});

describe('the web page without a model', () => {
  let host: Host;
  let open: OpenPage;

  beforeAll(async () => {
    // A skill nothing listens for (port 9, discard): the page must show it as unhealthy, and why.
    const skills = { gone: { url: 'http://127.0.0.1:9/mcp' } };
    host = await createHost(HostConfigSchema.parse({ skills }), { log: quietLog });
    open = await openPage(host, { width: 375, height: 700 });
  }, 60_000);

  afterAll(async () => {
    await open?.stop();
    await host?.close();
  });

  it("shows each skill's health, with the last error of one that is down", async () => {
    const chip = open.page.locator('#status .chip.warn[data-skill="gone"]');
    await chip.waitFor();
    expect(await chip.textContent()).toBe('gone: restarting, 0 tools');
    expect(await chip.getAttribute('title')).toMatch(/^Last error: \S/);
    expect(await chip.getAttribute('aria-label')).toBe(
      `gone: restarting, 0 tools. ${await chip.getAttribute('title')}`,
    );
  });

  it('shows how to add one, and the explanation when a question is refused', async () => {
    const { page } = open;
    expect(await page.locator('#model-help').textContent()).toMatch(/No model is configured\./);
    await page.locator('#status .chip.warn', { hasText: 'No model configured' }).waitFor();
    await page.click('#mode-chat');
    expect(await page.locator('#tools-panel').isVisible()).toBe(false);
    await page.setInputFiles('#image', photoPath('chelsea'));
    await page.locator('#preview-img').waitFor();
    await page.fill('#question', 'Is there a cat?');
    await page.press('#question', 'Enter');
    const error = page.locator('.turn .error', { hasText: 'No model is configured' });
    await error.waitFor();
    // On a phone the composer holds most of the screen; the error must stay in view above it.
    await expect
      .poll(async () => {
        const shown = await error.boundingBox();
        const composer = await page.locator('#composer').boundingBox();
        return !!shown && !!composer && shown.y >= 0 && shown.y + shown.height <= composer.y + 1;
      })
      .toBe(true);
    expect(await page.locator('#question').inputValue()).toBe('Is there a cat?');
    expect(await page.locator('#model-help').isVisible()).toBe(true);
    expect(open.errors).toEqual([]);
  }, 60_000);
});
