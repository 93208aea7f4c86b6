import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrTools, serverJson } from './fixtures.js';
import { registryEnv, startRegistry } from './registry-process.js';

const ADMIN = 'admin-for-body-test';

/** Sends `chunks` with chunked transfer encoding (no content-length), as a streaming client would. */
function postChunked(url: string, chunks: Iterable<string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/v0/publish`,
      { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    // The server may answer and close before the whole body is sent.
    request.on('error', (error) => (request.writableEnded ? undefined : reject(error)));
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe('request bodies read from the socket by the registry bin', () => {
  let registry: { child: ChildProcess; url: string };
  beforeAll(async () => {
    registry = await startRegistry(mkdtempSync(join(tmpdir(), 'registry-body-')), registryEnv(ADMIN));
  });
  afterAll(async () => {
    registry.child.kill('SIGTERM');
    if (registry.child.exitCode === null) await once(registry.child, 'exit');
  });

  it('publishes a chunked body', async () => {
    const text = JSON.stringify({ server: serverJson('io.github.alice/ocr', '1.0.0'), tools: ocrTools });
    const chunks = text.match(/[\s\S]{1,50}/g) ?? [];
    expect((await postChunked(registry.url, chunks)).status).toBe(201);
  });

  it('answers 413 to a chunked body over 9 MiB and keeps serving', async () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    const response = await postChunked(registry.url, ['{"pad":"', ...Array(12).fill(megabyte), '"}']);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({
      status: 413,
      error: expect.stringMatching(/request body over/),
    });
    const health = await fetch(`${registry.url}/health`);
    expect(health.status).toBe(200);
  });
});
