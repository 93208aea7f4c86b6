import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostProcess, sourceSkill, spawnHost } from '../conformance/host-process.js';

const SEED = Number(process.env.MMSKILLS_FUZZ_SEED ?? 20261126);
const RUNS = { numRuns: 120, seed: SEED };
const ADMIN = 'fuzz-admin-token';

async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, text };
}

/** Statuses a refusal may have: any 4xx; never a 5xx, which would claim the fault is ours. */
const refusedCleanly = (status: number) => status >= 400 && status < 500;

// Strings a search engine or SQL layer might treat as syntax.
const queryish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '"',
    '*',
    'NEAR(a b)',
    'a AND',
    'OR',
    '(',
    ')',
    '-',
    '^',
    ':',
    "'; DROP TABLE servers;--",
    '%',
    '\\',
    '\0',
    'a"b*',
  ),
);
const jsonish = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', '{', '{"server":', 'null', '[]', '{"server":{},"tools":[]}'),
);

describe(`property tests over the registry's HTTP bodies and queries (seed ${SEED})`, () => {
  let registry: ListeningProcess | undefined;
  let url: string;
  let token: string;
  const valid = {
    server: {
      ...JSON.parse(readFileSync(new URL('../../skills/image/server.json', import.meta.url), 'utf8')),
      name: 'io.github.fuzz/image',
    },
    tools: JSON.parse(readFileSync(new URL('../../skills/image/tools.json', import.meta.url), 'utf8')),
  };

  beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'registry-fuzz-'));
    registry = await spawnListening(
      [
        ...tsxArgs(new URL('../../registry/src/bin.ts', import.meta.url)),
        '--port',
        '0',
        '--data',
        data,
        '--no-seed',
      ],
      { ...process.env, MMSKILLS_REGISTRY_ADMIN_TOKEN: ADMIN, DATABASE_URL: '' },
    );
    url = registry.url;
    const issued = await fetch(`${url}/v0/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ namespace: 'io.github.fuzz' }),
    });
    token = ((await issued.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('refuses arbitrary and nearly valid publications with a 4xx and stores exactly the ones it accepted', async () => {
    // One field of a valid publication replaced by an arbitrary value, or a body that is not one at all.
    const nearlyValid = fc
      .tuple(
        fc.constantFrom('name', 'version', 'description', 'packages', '$schema', 'title'),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([field, value]) => JSON.stringify({ ...valid, server: { ...valid.server, [field]: value } }));
    let published = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonish, nearlyValid), async (body) => {
        const reply = await call(`${url}/v0/publish`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        if (reply.status === 201) published += 1;
        else expect(refusedCleanly(reply.status), `${reply.status} ${reply.text}`).toBe(true);
      }),
      RUNS,
    );
    const listed = (await (await fetch(`${url}/v0/servers?limit=100`)).json()) as { servers: unknown[] };
    expect(listed.servers.length).toBe(published);
  }, 120_000);

  it('answers any tool search or listing query with 200 or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        queryish,
        fc.oneof(fc.constant(''), fc.string({ maxLength: 5 }), fc.integer().map(String)),
        async (q, limit) => {
          const params = new URLSearchParams({ q, limit }).toString();
          for (const path of [
            `/v0/tools?${params}`,
            `/v0/servers?search=${encodeURIComponent(q)}&cursor=${encodeURIComponent(q)}&limit=${encodeURIComponent(limit)}`,
            `/v0/servers/${encodeURIComponent(q || 'x')}/versions/${encodeURIComponent(limit || '1')}`,
          ]) {
            const reply = await call(`${url}${path}`);
            expect(
              reply.status === 200 || refusedCleanly(reply.status),
              `${path} → ${reply.status} ${reply.text}`,
            ).toBe(true);
          }
        },
      ),
      RUNS,
    );
  }, 120_000);

  it('refuses token requests with arbitrary bodies or without the admin token', async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, fc.boolean(), async (body, admin) => {
        const reply = await call(`${url}/v0/admin/tokens`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(admin ? { authorization: `Bearer ${ADMIN}` } : {}),
          },
          body,
        });
        if (!admin) expect(reply.status).toBe(401);
        else
          expect(
            reply.status === 201 || reply.status === 200 || refusedCleanly(reply.status),
            reply.text,
          ).toBe(true);
      }),
      RUNS,
    );
  }, 120_000);
});

describe(`property tests over the host's HTTP bodies (seed ${SEED})`, () => {
  let host: HostProcess;
  beforeAll(async () => {
    const script = join(mkdtempSync(join(tmpdir(), 'host-fuzz-')), 'turns.json');
    writeFileSync(script, JSON.stringify({ turns: [{ thoughts: '', actions: [], value: 'Fine.' }] }));
    host = await spawnHost({ skills: { image: sourceSkill('image') } }, ['--lmm', `scripted:${script}`], {
      ...process.env,
      MMSKILLS_RATE_LIMIT: '100000',
    });
  });
  afterAll(() => host?.stop());

  const content = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.array(
      fc.oneof(
        fc.record({ type: fc.constant('text'), text: fc.jsonValue() }),
        fc.record({
          type: fc.constant('image_url'),
          image_url: fc.record({
            url: fc.oneof(
              fc.string(),
              fc.constantFrom('data:image/png;base64,AAAA', 'file:///etc/passwd', 'http://169.254.169.254/'),
            ),
          }),
        }),
        fc.jsonValue(),
      ),
      { maxLength: 3 },
    ),
    fc.jsonValue(),
  );
  const completion = fc.oneof(
    jsonish,
    fc
      .record({
        messages: fc.array(
          fc.record({ role: fc.constantFrom('user', 'assistant', 'system', 'tool', 'x'), content }),
          { maxLength: 3 },
        ),
        stream: fc.constantFrom(false, undefined),
      })
      .map((body) => JSON.stringify(body)),
  );

  it('answers arbitrary OpenAI-style requests with 200 or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(completion, async (body) => {
        const reply = await call(`${host.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(
          reply.status === 200 || refusedCleanly(reply.status),
          `${body} → ${reply.status} ${reply.text.slice(0, 300)}`,
        ).toBe(true);
      }),
      { ...RUNS, numRuns: 80 },
    );
  }, 120_000);

  it('answers arbitrary chat messages to a conversation with 200 or a 4xx, never a 5xx', async () => {
    const { id } = (await (await fetch(`${host.url}/v1/conversations`, { method: 'POST' })).json()) as {
      id: string;
    };
    await fc.assert(
      fc.asyncProperty(jsonish, async (body) => {
        const reply = await call(`${host.url}/v1/conversations/${id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(
          reply.status === 200 || refusedCleanly(reply.status),
          `${body} → ${reply.status} ${reply.text.slice(0, 300)}`,
        ).toBe(true);
      }),
      { ...RUNS, numRuns: 80 },
    );
    expect((await fetch(`${host.url}/health`)).status).toBe(200);
  }, 120_000);
});
