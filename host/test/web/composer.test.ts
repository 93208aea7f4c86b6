import { decodeImage } from '@mmskills/image';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../src/host.js';
import { scriptedHost } from '../fixtures/hosts.js';
import { naturalWidth, type OpenPage, openPage, relativeBox } from './browser-harness.js';

const turns = [{ thoughts: 'Two colours.', actions: [], value: 'Red on the left, blue on the right.' }];

/**
 * Pastes into the question box as a person would: a real ClipboardEvent whose DataTransfer holds
 * what `fill` (run in the page) puts there. Answers whether the page took the paste over.
 */
function paste(page: Page, fill: string): Promise<boolean> {
  return page.evaluate(`(async () => {
    const data = new DataTransfer();
    ${fill}
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.getElementById('question').dispatchEvent(event);
    return event.defaultPrevented;
  })()`) as Promise<boolean>;
}

// A 64×48 PNG drawn in the page: red on the left half, blue on the right.
const PNG_FILE = `
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const g = canvas.getContext('2d');
  g.fillStyle = 'rgb(200, 30, 60)';
  g.fillRect(0, 0, 32, 48);
  g.fillStyle = 'rgb(20, 40, 220)';
  g.fillRect(32, 0, 32, 48);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  data.items.add(new File([blob], 'image.png', { type: 'image/png' }));`;

describe('the composer: a pasted image and a box drawn with keys', () => {
  let host: Host;
  let open: OpenPage;

  beforeAll(async () => {
    host = await scriptedHost(turns, {});
    open = await openPage(host);
  }, 60_000);

  afterAll(async () => {
    await open?.stop();
    await host?.close();
  });

  it('refuses a pasted file that is not an image, clearly, and leaves pasted text alone', async () => {
    const { page } = open;
    await page.locator('#status .chip.ok', { hasText: 'Model:' }).waitFor();
    expect(
      await paste(page, `data.items.add(new File(['notes'], 'notes.txt', { type: 'text/plain' }));`),
    ).toBe(true);
    expect(await page.locator('#notice').textContent()).toBe(
      'notes.txt is not an image: choose a PNG, JPEG or WebP picture.',
    );
    expect(await page.locator('#preview').isHidden()).toBe(true);
    expect(await paste(page, `data.setData('text/plain', 'a cat?');`)).toBe(false);
    expect(await page.locator('#preview').isHidden()).toBe(true);
  });

  it('takes a pasted PNG as the image, boxes it from the keyboard, and sends exactly that', async () => {
    const { page } = open;
    expect(await paste(page, PNG_FILE)).toBe(true);
    await expect.poll(() => naturalWidth(page.locator('#preview-img'))).toBe(64);
    expect(await page.locator('#preview').isVisible()).toBe(true);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    expect(await page.locator('#box-state').textContent()).toMatch(/^Optional: drag on the image/);

    await page.focus('#image');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.id')).toBe('preview');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await page.locator('#box-state').textContent()).toMatch(
      /^Box \[0\.27, 0\.25, 0\.77, 0\.77\] will be sent/,
    );
    const preview = await page.locator('#preview-img').boundingBox();
    const drawn = await page.locator('#preview .box.user').boundingBox();
    if (!preview || !drawn) throw new Error('the preview or the box is not laid out');
    relativeBox(drawn, preview).forEach((v, i) => {
      expect(Math.abs(v - ([0.27, 0.25, 0.77, 0.77][i] ?? -1))).toBeLessThan(0.02);
    });
    await page.keyboard.press('Delete');
    expect(await page.locator('#preview .box.user').count()).toBe(0);
    await page.keyboard.press('Space');
    await page.keyboard.press('Alt+ArrowLeft');

    const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/messages'));
    const refreshed = page.waitForRequest((r) => r.url().endsWith('/health'));
    await page.fill('#question', 'What colours are these?');
    await page.press('#question', 'Enter');
    const sent = (await request).postDataJSON() as { images: string[]; box: number[] };
    expect(sent.box).toEqual([0.15, 0.25, 0.65, 0.75]);
    expect(sent.images).toHaveLength(1);
    const [header, base64] = (sent.images[0] ?? '').split(',');
    expect(header).toBe('data:image/png;base64');
    const picture = await decodeImage(Buffer.from(base64 ?? '', 'base64'));
    expect([picture.width, picture.height]).toEqual([64, 48]);
    expect([...picture.data.subarray(0, 3)]).toEqual([200, 30, 60]);
    expect([...picture.data.subarray(63 * 3, 64 * 3)]).toEqual([20, 40, 220]);

    await page.locator('.answer strong', { hasText: 'Red on the left, blue on the right.' }).waitFor();
    await expect.poll(() => naturalWidth(page.locator('figure[data-handle="image_1"] img'))).toBe(64);
    await refreshed;
    expect(await page.locator('#preview').isHidden()).toBe(true);
    expect(open.errors).toEqual([]);
    expect(open.consoleProblems).toEqual([]);
    expect(open.foreignRequests).toEqual([]);
  }, 60_000);
});
