import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { photoPath } from '@mmskills/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageInfoClient } from './hostile-server.js';

const OUTSIDE = /outside the allowed roots; .*MMSKILLS_FILE_ROOTS/;
const PRIVATE =
  /a (loopback|private|link-local|unspecified) address; URLs to private networks are refused .*MMSKILLS_ALLOW_PRIVATE_URLS=1/;

describe('image paths and URLs that leave their lane, through the image skill', () => {
  let root: string;
  let outside: string;
  let server: Server;
  let port: number;
  let requests = 0;
  let skill: Awaited<ReturnType<typeof imageInfoClient>>;

  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), 'mmskills-lanes-'));
    root = join(base, 'root');
    outside = join(base, 'outside');
    mkdirSync(join(root, 'sub'), { recursive: true });
    mkdirSync(outside);
    const photo = readFileSync(photoPath('chelsea'));
    writeFileSync(join(root, 'inside.png'), photo);
    writeFileSync(join(outside, 'secret.png'), photo);
    symlinkSync(join(outside, 'secret.png'), join(root, 'escape.png'));
    symlinkSync(outside, join(root, 'dir-link'));
    symlinkSync(join(root, 'inside.png'), join(root, 'sub', 'alias.png'));
    // A real image server on loopback: a refusal must come before any request reaches it.
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'image/png' }).end(photo);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    skill = await imageInfoClient({ ...process.env, MMSKILLS_FILE_ROOTS: root, MMSKILLS_ALLOW_URLS: '1' });
  });

  afterAll(async () => {
    await skill?.close();
    server?.close();
  });

  it('reads files inside the root, directly and through an inside symlink', async () => {
    expect(await skill.info(join(root, 'inside.png'))).toMatchObject({ ok: true });
    expect(await skill.info(join(root, 'sub', 'alias.png'))).toMatchObject({ ok: true });
    expect(await skill.info(`file://${join(root, 'inside.png')}`)).toMatchObject({ ok: true });
  });

  it.each([
    ['../ traversal from the root', () => `${root}/../outside/secret.png`, OUTSIDE],
    ['../ traversal from a sub-folder', () => `${root}/sub/../../outside/secret.png`, OUTSIDE],
    ['a relative path climbing out', () => '../../../../../../../../etc/hostname', OUTSIDE],
    ['a symlinked file pointing outside', () => join(root, 'escape.png'), OUTSIDE],
    ['a file under a symlinked folder pointing outside', () => join(root, 'dir-link', 'secret.png'), OUTSIDE],
    ['/etc/passwd', () => '/etc/passwd', OUTSIDE],
    ['/proc/self/environ', () => '/proc/self/environ', OUTSIDE],
    ['file:///etc/passwd', () => 'file:///etc/passwd', OUTSIDE],
    ['FILE:///etc/passwd in capitals', () => 'FILE:///etc/passwd', OUTSIDE],
    ['file://localhost/etc/passwd', () => 'file://localhost/etc/passwd', OUTSIDE],
    ['a file URI with percent-encoded ..', () => `file://${root}/%2e%2e/outside/secret.png`, OUTSIDE],
    ['a file URI with a remote host', () => 'file://evil.example/share/x.png', /not a valid local file URI/],
    [
      'a file URI with an encoded slash',
      () => `file://${root}/sub%2F..%2F..%2Foutside/secret.png`,
      /not a valid local file URI/,
    ],
    ['a NUL byte in the path', () => `${join(root, 'inside.png')}\0.txt`, /does not exist/],
    ['a javascript: URL', () => 'javascript:alert(1)', /javascript: sources are not supported/],
    ['an ftp: URL', () => 'ftp://example.com/x.png', /ftp: sources are not supported/],
  ])('refuses %s', async (_name, image, message) => {
    const served = await skill.info(image());
    expect(served).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it.each([
    ['127.0.0.1', (p: number) => `http://127.0.0.1:${p}/x.png`],
    ['[::1]', (p: number) => `http://[::1]:${p}/x.png`],
    ['[::ffff:127.0.0.1]', (p: number) => `http://[::ffff:127.0.0.1]:${p}/x.png`],
    ['127.0.0.1 as one decimal number', (p: number) => `http://2130706433:${p}/x.png`],
    ['0.0.0.0', (p: number) => `http://0.0.0.0:${p}/x.png`],
    ['localhost, a name that resolves to loopback', (p: number) => `http://localhost:${p}/x.png`],
    ['LOCALHOST in capitals', (p: number) => `http://LOCALHOST:${p}/x.png`],
    ['127.1, the short form', (p: number) => `http://127.1:${p}/x.png`],
    ['169.254.169.254 (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data/'],
    ['10.0.0.1', () => 'http://10.0.0.1/x.png'],
    ['172.16.0.1', () => 'http://172.16.0.1/x.png'],
    ['172.31.255.254', () => 'https://172.31.255.254/x.png'],
    ['192.168.1.1', () => 'http://192.168.1.1/x.png'],
  ])('refuses a URL to %s before connecting', async (_name, url) => {
    const before = requests;
    const served = await skill.info(url(port));
    expect(served).toMatchObject({ ok: false, message: expect.stringMatching(PRIVATE) });
    expect(requests).toBe(before);
  });
});
