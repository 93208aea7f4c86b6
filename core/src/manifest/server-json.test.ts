import { describe, expect, it } from 'vitest';
import { SERVER_JSON_SCHEMA_URL, ServerJsonSchema } from './server-json.js';

const ocrServer = {
  $schema: SERVER_JSON_SCHEMA_URL,
  name: 'io.github.mmskills/ocr',
  title: 'OCR',
  description: 'Reads printed text in images (PP-OCRv4 on onnxruntime).',
  version: '0.1.0',
  websiteUrl: 'https://github.com/mmskills/mmskills',
  repository: { url: 'https://github.com/mmskills/mmskills', source: 'github', subfolder: 'skills/ocr' },
  packages: [
    {
      registryType: 'npm',
      registryBaseUrl: 'https://registry.npmjs.org',
      identifier: '@mmskills/skill-ocr',
      version: '0.1.0',
      runtimeHint: 'npx',
      transport: { type: 'stdio' },
      packageArguments: [{ type: 'named', name: '--model', valueHint: 'path', isRequired: false }],
      environmentVariables: [
        { name: 'MMSKILLS_FILE_ROOTS', description: 'Readable folders', isRequired: false },
      ],
    },
  ],
  remotes: [{ type: 'streamable-http', url: 'https://ocr.example.com/mcp' }],
  _meta: { 'io.modelcontextprotocol.registry/publisher-provided': { tool: 'mmskills' } },
};

function issuesOf(value: unknown): { path: string; message: string }[] {
  const result = ServerJsonSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('ServerJsonSchema', () => {
  it('accepts a full npm skill entry and keeps its fields', () => {
    const parsed = ServerJsonSchema.parse(ocrServer);
    expect(parsed.name).toBe('io.github.mmskills/ocr');
    expect(parsed.packages?.[0]?.transport).toEqual({ type: 'stdio' });
    expect(parsed.remotes?.[0]).toEqual({ type: 'streamable-http', url: 'https://ocr.example.com/mcp' });
  });

  it('accepts the minimal document', () => {
    expect(issuesOf({ name: 'a/b', description: 'x', version: '1.0.0' })).toEqual([]);
  });

  it('drops keys the official schema does not define', () => {
    const parsed = ServerJsonSchema.parse({ ...ocrServer, status: 'active' });
    expect(parsed).not.toHaveProperty('status');
  });

  it.each([
    ['name without "/"', { name: 'io.github.mmskills.ocr' }, 'name'],
    ['name with two "/"', { name: 'io.github/mmskills/ocr' }, 'name'],
    ['description of 101 characters', { description: 'd'.repeat(101) }, 'description'],
    ['empty description', { description: '' }, 'description'],
    ['version "latest"', { version: 'latest' }, 'version'],
    ['version range', { version: '^1.0.0' }, 'version'],
    ['websiteUrl that is not a URL', { websiteUrl: 'home page' }, 'websiteUrl'],
    ['http icon', { icons: [{ src: 'http://example.com/i.png' }] }, 'icons.0.src'],
  ])('refuses a %s', (_label, patch, path) => {
    expect(issuesOf({ ...ocrServer, ...patch }).map((issue) => issue.path)).toEqual([path]);
  });

  it.each([
    ['package version "latest"', { version: 'latest' }, 'packages.0.version'],
    ['unknown transport', { transport: { type: 'websocket' } }, 'packages.0.transport.type'],
    ['sse transport without url', { transport: { type: 'sse' } }, 'packages.0.transport.url'],
    [
      'streamable-http URL that is not http(s)',
      { transport: { type: 'streamable-http', url: 'localhost:8080/mcp' } },
      'packages.0.transport.url',
    ],
    ['npm package without version', { version: undefined }, 'packages.0.version'],
    [
      'positional argument without value',
      { packageArguments: [{ type: 'positional' }] },
      'packages.0.packageArguments.0.valueHint',
    ],
  ])('refuses a %s', (_label, patch, path) => {
    const server = { ...ocrServer, packages: [{ ...ocrServer.packages[0], ...patch }] };
    expect(issuesOf(server).map((issue) => issue.path)).toEqual([path]);
  });

  it('requires fileSha256 for mcpb packages but not a version', () => {
    const mcpb = {
      registryType: 'mcpb',
      identifier: 'https://github.com/o/r/releases/download/v1/s.mcpb',
      transport: { type: 'stdio' },
    };
    expect(issuesOf({ ...ocrServer, packages: [mcpb] })).toEqual([
      { path: 'packages.0.fileSha256', message: 'required for mcpb packages' },
    ]);
    expect(issuesOf({ ...ocrServer, packages: [{ ...mcpb, fileSha256: 'ab'.repeat(32) }] })).toEqual([]);
  });

  it('refuses a remote with stdio transport', () => {
    expect(issuesOf({ ...ocrServer, remotes: [{ type: 'stdio' }] }).map((issue) => issue.path)).toEqual([
      'remotes.0.type',
    ]);
  });

  // The schema allows any registry type; the official registry's own rules (version, hash) apply
  // to the types it names only.
  it('keeps a package of a registry type the schema does not name', () => {
    const cargo = {
      registryType: 'cargo',
      identifier: 'mcp-demo',
      version: '0.3.1',
      transport: { type: 'stdio' },
    };
    expect(ServerJsonSchema.parse({ ...ocrServer, packages: [cargo] }).packages).toEqual([cargo]);
    expect(issuesOf({ ...ocrServer, packages: [{ ...cargo, version: undefined }] })).toEqual([]);
  });

  it("keeps a remote's URL variables, so a templated URL stays resolvable", () => {
    const remote = {
      type: 'streamable-http',
      url: 'https://{tenant}.example.com/mcp',
      headers: [{ name: 'Authorization', value: 'Bearer {token}', variables: { token: { isSecret: true } } }],
      variables: { tenant: { description: 'Your tenant', isRequired: true, choices: ['eu', 'us'] } },
    };
    const sse = {
      type: 'sse',
      url: 'https://mcp.example.com/{region}/sse',
      variables: { region: { default: 'eu' } },
    };
    expect(ServerJsonSchema.parse({ ...ocrServer, remotes: [remote, sse] }).remotes).toEqual([remote, sse]);
  });

  it.each([
    ['an ftp URL', { type: 'sse', url: 'ftp://mcp.example.com/sse' }, 'remotes.0.url'],
    ['a URL with a space', { type: 'streamable-http', url: 'https://mcp.example.com/a b' }, 'remotes.0.url'],
    [
      'a variable that is not an input',
      { type: 'sse', url: 'https://x.example.com/{a}', variables: { a: 'eu' } },
      'remotes.0.variables.a',
    ],
  ])('refuses a remote with %s', (_label, remote, path) => {
    expect(issuesOf({ ...ocrServer, remotes: [remote] }).map((issue) => issue.path)).toEqual([path]);
  });
});
