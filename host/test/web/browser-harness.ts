import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { chromium, type Locator, type Page } from 'playwright-core';
import type { Host } from '../../src/host.js';
import { createHostApp } from '../../src/http/app.js';
import { quietLog } from '../fixtures/hosts.js';

const CHROMIUM = process.env.MMSKILLS_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenPage {
  page: Page;
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** Console errors and warnings of the page (CSP violations among them). */
  consoleProblems: string[];
  /** Requests that left 127.0.0.1 (there must be none). */
  foreignRequests: string[];
  stop(): Promise<void>;
}

/** Serves `host`'s HTTP app on 127.0.0.1 (a free port), opens its page in headless Chromium. */
export async function openPage(
  host: Host,
  viewport = { width: 1000, height: 900 },
  access: { apiKeys?: string[] } = {},
): Promise<OpenPage> {
  const { app, close } = createHostApp(host, { hostname: '127.0.0.1', log: quietLog, ...access });
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
      resolve(listening),
    ) as Server;
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const stop = async () => {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
  };
  try {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    const consoleProblems: string[] = [];
    const foreignRequests: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(message.text());
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) foreignRequests.push(url);
    });
    await page.goto(`${origin}/`);
    return { page, errors, consoleProblems, foreignRequests, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Where a box overlay sits over its picture, as fractions of the picture. */
/**
 * The loaded width of the picture `img` shows, 0 while it loads. (A string predicate for
 * waitForFunction is eval'd in the page when it is polled, which the page's CSP forbids: such a
 * wait failed whenever the picture was not there at the first look.)
 */
export function naturalWidth(img: Locator): Promise<number> {
  return img.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth);
}

export function relativeBox(
  box: { x: number; y: number; width: number; height: number },
  image: { x: number; y: number; width: number; height: number },
): number[] {
  return [
    (box.x - image.x) / image.width,
    (box.y - image.y) / image.height,
    (box.x + box.width - image.x) / image.width,
    (box.y + box.height - image.y) / image.height,
  ];
}

/** The JSON output the page shows for the first observation of `tool`. */
export async function observationOf<T>(page: Page, tool: string): Promise<T> {
  const shown = page.locator('details.observation', { hasText: `Output of ${tool}` }).locator('pre');
  return JSON.parse((await shown.first().textContent()) ?? '') as T;
}

/** Where the centre of a laid-out element sits over its picture, as fractions of the picture. */
export function relativeCentre(
  box: { x: number; y: number; width: number; height: number },
  image: { x: number; y: number; width: number; height: number },
): [number, number] {
  return [(box.x + box.width / 2 - image.x) / image.width, (box.y + box.height / 2 - image.y) / image.height];
}

/** Where test artifacts (screenshots for a person to look at) go; git-ignored. */
export const ARTIFACTS = new URL('../../test-artifacts/', import.meta.url);

/**
 * Saves the whole chat as `host/test-artifacts/<name>`. The window is made as tall as the chat
 * first: a full-page capture would paint the sticky form over the middle of the conversation.
 */
export async function keepScreenshot(page: Page, name: string): Promise<{ path: string; height: number }> {
  const width = page.viewportSize()?.width ?? 1000;
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  await page.setViewportSize({ width, height });
  await mkdir(ARTIFACTS, { recursive: true });
  const path = fileURLToPath(new URL(name, ARTIFACTS));
  await page.screenshot({ path });
  return { path, height };
}
