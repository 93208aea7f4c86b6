import { photoPath } from '@mmskills/core/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostConfigSchema } from '../../src/config/schema.js';
import { createHost, type Host } from '../../src/host.js';
import { quietLog, skills } from '../fixtures/hosts.js';
import { type OpenPage, openPage } from './browser-harness.js';

async function drawBox(page: Page, from: [number, number], to: [number, number]) {
  const shown = await page.locator('#tool-img').boundingBox();
  if (!shown) throw new Error('the picture is not shown');
  await page.mouse.move(shown.x + shown.width * from[0], shown.y + shown.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(shown.x + shown.width * to[0], shown.y + shown.height * to[1], { steps: 5 });
  await page.mouse.up();
}

describe('the web page without a model: tools mode', () => {
  let host: Host;
  let open: OpenPage;

  beforeAll(async () => {
    host = await createHost(HostConfigSchema.parse({ skills: skills('image') }), { log: quietLog });
    open = await openPage(host);
  }, 60_000);
  afterAll(async () => {
    await open?.stop();
    await host?.close();
  });

  it('opens on the tools, with the commands that add a model', async () => {
    const { page } = open;
    expect(await page.locator('body').getAttribute('data-mode')).toBe('tools');
    expect(await page.locator('#tools-panel').isVisible()).toBe(true);
    expect(await page.locator('#composer').isVisible()).toBe(false);
    expect(await page.locator('#model-help pre').textContent()).toBe(
      'npx mmskills model list\nnpx mmskills model pull <name>\nnpm start',
    );
    await page.locator('#tool-pick optgroup[label="image"] option').first().waitFor({ state: 'attached' });
    expect(await page.locator('#tool-pick option').allTextContents()).toEqual(
      expect.arrayContaining(['crop (Crop image)', 'resize (Resize image)', 'annotate (Annotate image)']),
    );
  });

  it('runs crop on the picture with the box drawn on it and shows the returned picture', async () => {
    const { page } = open;
    await page.selectOption('#tool-pick', 'image__crop');
    await page.locator('label[for="field-box"]').waitFor();
    await page.click('#tool-run');
    expect(await page.locator('#tool-problem').textContent()).toBe('image needs a picture: choose one above');

    await page.setInputFiles('#tool-image', photoPath('chelsea'));
    await page.locator('#tool-img').waitFor();
    await drawBox(page, [0.1, 0.2], [0.6, 0.7]);
    expect(await page.locator('#tool-box-state').textContent()).toMatch(
      /^Box \[0\.1\d*, 0\.2\d*, 0\.6\d*, 0\.7\d*\]$/,
    );
    await page.click('#tool-run');
    const result = page.locator('#tool-results .result').last();
    await result.locator('img.returned').waitFor();
    expect(await result.getAttribute('class')).toBe('result');
    const structured = JSON.parse((await result.locator('details.structured pre').textContent()) ?? '{}');
    // chelsea.png is 451×300: half its width and height, within a pixel of the drawn box.
    expect(Math.abs(structured.width - 0.5 * 451)).toBeLessThanOrEqual(2);
    expect(Math.abs(structured.height - 0.5 * 300)).toBeLessThanOrEqual(2);
    const natural = await result
      .locator('img.returned')
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(natural).toBe(structured.width);
    expect(await result.isVisible()).toBe(true);
  }, 60_000);

  it("keeps a tool's refusal in view, after the earlier results", async () => {
    const { page } = open;
    await page.selectOption('#tool-pick', 'image__resize');
    await page.locator('#field-width').waitFor();
    await page.fill('#field-width', '-5');
    await page.click('#tool-run');
    const failed = page.locator('#tool-results .result.error').last();
    await failed.waitFor();
    expect(await failed.getAttribute('role')).toBe('alert');
    expect(await failed.locator('h3').textContent()).toBe('image__resize: failed');
    expect(await page.locator('#tool-results .result').count()).toBe(2);
    expect(await failed.isVisible()).toBe(true);
    expect(open.errors).toEqual([]);
    expect(open.consoleProblems).toEqual([]);
    expect(open.foreignRequests).toEqual([]);
  }, 60_000);
});

describe('the web page of a host that requires an API key', () => {
  let host: Host;
  let open: OpenPage;

  beforeAll(async () => {
    host = await createHost(HostConfigSchema.parse({ skills: skills('image') }), { log: quietLog });
    open = await openPage(host, undefined, { apiKeys: ['k-1'] });
  }, 60_000);
  afterAll(async () => {
    await open?.stop();
    await host?.close();
  });

  it('loads, asks for the key, and runs tools with it', async () => {
    const { page } = open;
    const form = page.locator('#key-form');
    await form.waitFor();
    expect(await page.locator('#key-reason').textContent()).toMatch(
      /^The host asks for an API key: an API key is required/,
    );
    await page.fill('#api-key', 'wrong');
    await page.click('#key-form button');
    await form.waitFor();
    await page.fill('#api-key', 'k-1');
    await page.click('#key-form button');
    await page.locator('#tool-pick option[value="image__image_info"]').waitFor({ state: 'attached' });
    expect(await form.isHidden()).toBe(true);
    await page.selectOption('#tool-pick', 'image__image_info');
    await page.setInputFiles('#tool-image', photoPath('coffee'));
    await page.locator('#tool-img').waitFor();
    await page.click('#tool-run');
    const result = page.locator('#tool-results .result').last();
    await result.locator('details.structured').waitFor();
    expect(JSON.parse((await result.locator('pre').textContent()) ?? '{}')).toMatchObject({
      width: 600,
      height: 400,
    });
    expect(open.errors).toEqual([]);
  }, 60_000);
});
