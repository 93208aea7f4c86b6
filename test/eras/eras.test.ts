import { BUILTIN_SKILLS } from '@mmskills/core';
import { type SkillHttpProcess, spawnSkillHttp } from '@mmskills/skill-kit/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, caseImage, type Prepared, prepareCase } from './cases.js';
import { CLIENT_KINDS, type ClientKind, connect, type EraClient, type Icon, type Target } from './clients.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

/** Each icon is an SVG drawing sent as a base64 data: URI (a client may reach no URL of the skill). */
function expectSvgIcons(icons: Icon[] | undefined, owner: string) {
  expect(icons, owner).toHaveLength(1);
  for (const icon of icons ?? []) {
    expect(icon.mimeType, owner).toBe('image/svg+xml');
    const [prefix, base64 = ''] = icon.src.split(',');
    expect(prefix, owner).toBe('data:image/svg+xml;base64');
    expect(Buffer.from(base64, 'base64').toString('utf8'), owner).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>[\s\S]*<\/svg>\s*$/,
    );
  }
}

const EXPECTED_VERSION: Record<ClientKind, string | undefined> = {
  'v2 pinned 2026-07-28': '2026-07-28',
  'v2 default (2025)': '2025-11-25',
  'v2 at 2025-06-18': '2025-06-18',
  'v1 1.32.2': '2025-11-25',
};

/**
 * The skill contract in every era: each built-in skill's bin, over stdio and Streamable HTTP,
 * answers a 2026-07-28 client (v2 SDK, pinned: `server/discover`, no session), a 2025-11-25
 * client of the v2 SDK (initialize, a session over HTTP), the same at 2025-06-18 and a v1 1.32.2
 * client alike.
 */
describe.each(BUILTIN_SKILLS)('mmskills-%s in both MCP eras', (skill) => {
  const spec = CASES[skill];
  let prepared: Prepared;
  let http: SkillHttpProcess;
  let image: string;
  beforeAll(async () => {
    prepared = await prepareCase(spec);
    [http, image] = await Promise.all([spawnSkillHttp(spec.bin, prepared.env), caseImage(spec)]);
  }, 60_000);
  afterAll(async () => {
    await http?.stop();
    await prepared?.cleanup();
  });

  const contract = async (kind: ClientKind, client: EraClient, transport: 'stdio' | 'http') => {
    expect(client.serverInfo?.name).toBe(skill);
    expectSvgIcons(client.serverInfo?.icons, `${skill} serverInfo`);
    const tools = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(spec.tools);
    for (const tool of tools) expectSvgIcons(tool.icons, tool.name);
    let progress = 0;
    const result = await client.callTool(spec.tool, { image, ...spec.extra }, () => {
      progress += 1;
    });
    expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
    const structured = result.structuredContent as Record<string, unknown>;
    spec.check(structured);
    const schema = tools.find((tool) => tool.name === spec.tool)?.outputSchema as object;
    const validate = ajv.compile(schema);
    expect(validate(structured), ajv.errorsText(validate.errors)).toBe(true);
    // Over stdio the SDKs drop progress that arrives in the same chunk as the result
    // (modelcontextprotocol/typescript-sdk#2580), so only HTTP is held to it.
    if (transport === 'http') expect(progress, kind).toBeGreaterThanOrEqual(1);
    // Asked for no progress, the call hears none: no start report, no heartbeat.
    const heard = client.progressNotes.length;
    const quiet = await client.callTool(spec.tool, { image, ...spec.extra });
    expect(quiet.isError).toBeFalsy();
    expect(client.progressNotes.slice(heard), kind).toEqual([]);
    await linksContract(client, result.content, spec.tool, spec.extra);
  };

  // Each picture the call made is linked at full size (every client here is 2025-06-18 or later);
  // each link reads back as its picture, and the first goes in again as the call's image.
  const linksContract = async (
    client: EraClient,
    content: unknown[],
    tool: string,
    extra: Record<string, unknown> | undefined,
  ) => {
    const blocks = content as Array<{ type: string; uri?: string; data?: string; mimeType?: string }>;
    const pictures = blocks.filter((block) => block.type === 'image');
    const links = blocks.filter((block) => block.type === 'resource_link');
    if (spec.pictures !== undefined) expect(pictures).toHaveLength(spec.pictures);
    expect(links).toHaveLength(pictures.length);
    for (const { uri, mimeType } of links) {
      expect(uri).toMatch(new RegExp(`^mmskills://${skill}/images/[0-9a-f]{32}\\.(png|jpg|webp)$`));
      const [read] = (await client.readResource(uri ?? '')).contents;
      expect(read).toMatchObject({ uri, mimeType });
      expect(Buffer.from(read?.blob ?? '', 'base64').length).toBeGreaterThan(0);
    }
    const [link] = links;
    if (!link?.uri) return;
    const again = await client.callTool(tool, { image: link.uri, ...extra });
    expect(again.isError, JSON.stringify(again.content).slice(0, 300)).toBeFalsy();
  };

  it.each(CLIENT_KINDS)(
    'over Streamable HTTP, to a %s client',
    async (kind) => {
      const client = await connect(kind, { http: http.url });
      try {
        if (client.version !== undefined || kind !== 'v1 1.32.2')
          expect(client.version).toBe(EXPECTED_VERSION[kind]);
        // 2026 is stateless; 2025 clients get a session of their own.
        if (kind === 'v2 pinned 2026-07-28') expect(client.sessionId).toBeUndefined();
        else expect(client.sessionId).toMatch(/^[0-9a-f-]{36}$/);
        await contract(kind, client, 'http');
      } finally {
        await client.close();
      }
    },
    180_000,
  );

  it.each(CLIENT_KINDS)(
    'over stdio, to a %s client',
    async (kind) => {
      const target: Target = { stdio: { args: spec.bin, env: prepared.env } };
      const client = await connect(kind, target);
      try {
        if (kind !== 'v1 1.32.2') expect(client.version).toBe(EXPECTED_VERSION[kind]);
        await contract(kind, client, 'stdio');
      } finally {
        await client.close();
      }
    },
    180_000,
  );
});

const PULLED = BUILTIN_SKILLS.filter((skill) => CASES[skill].pull !== undefined);

/**
 * As `npm start` runs them on a fresh clone: a skill whose model no npm package ships, with none
 * pulled or named, still starts in every era, lists its tools and answers its call with an error
 * that names the pull command.
 */
describe.each(PULLED)('mmskills-%s without its model, in both MCP eras', (skill) => {
  const spec = CASES[skill];
  let http: SkillHttpProcess;
  let image: string;
  beforeAll(async () => {
    [http, image] = await Promise.all([spawnSkillHttp(spec.bin, spec.env), caseImage(spec)]);
  }, 60_000);
  afterAll(() => http?.stop());

  it.each(CLIENT_KINDS)(
    'over Streamable HTTP, to a %s client, answers with `npx mmskills model pull`',
    async (kind) => {
      const client = await connect(kind, { http: http.url });
      try {
        expect(client.serverInfo?.name).toBe(skill);
        expect((await client.listTools()).map((tool) => tool.name)).toEqual(spec.tools);
        const result = await client.callTool(spec.tool, { image, ...spec.extra });
        expect(result.isError).toBe(true);
        expect(JSON.stringify(result.content)).toContain(`npx mmskills model pull ${spec.pull}`);
      } finally {
        await client.close();
      }
    },
    60_000,
  );
});
