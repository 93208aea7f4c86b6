#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { createLogger, exitOnListenFailure } from '@mmskills/core';
import { createRegistryApp } from './app.js';
import { hashToken, NamespaceSchema, newToken } from './auth/tokens.js';
import { openStore } from './open-store.js';
import { builtinManifests, seedStore } from './seed.js';
import { DEFAULT_TOOL_SEARCH, ToolSearchKindSchema } from './store/tool-search.js';

const USAGE = `Usage:
  mmskills-registry [--port 8090] [--host 127.0.0.1] [--data <dir>] [--tool-search memory|fts] [--no-seed]
  mmskills-registry token create --namespace <io.github.you> [--data <dir>]

Storage: SQLite under <dir> (default ./.mmskills/registry), or PostgreSQL when DATABASE_URL is set.
Tool search (MMSKILLS_REGISTRY_TOOL_SEARCH): memory (default, an in-memory index per process) or
fts (the database's full text: SQLite FTS5, PostgreSQL tsvector).
The admin token comes from MMSKILLS_REGISTRY_ADMIN_TOKEN. Built-in skills are published at start unless --no-seed.
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.MMSKILLS_REGISTRY_PORT ?? '8090' },
    host: { type: 'string', default: process.env.MMSKILLS_REGISTRY_HOST ?? '127.0.0.1' },
    data: { type: 'string', default: process.env.MMSKILLS_REGISTRY_DATA ?? '.mmskills/registry' },
    'tool-search': {
      type: 'string',
      default: process.env.MMSKILLS_REGISTRY_TOOL_SEARCH ?? DEFAULT_TOOL_SEARCH,
    },
    namespace: { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const log = createLogger('mmskills-registry');
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const toolSearch = ToolSearchKindSchema.safeParse(values['tool-search']);
if (!toolSearch.success) {
  process.stderr.write(
    `--tool-search (or MMSKILLS_REGISTRY_TOOL_SEARCH) must be memory or fts, not '${values['tool-search']}'\n`,
  );
  process.exit(2);
}
const store = await openStore({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: values.data,
  toolSearch: toolSearch.data,
});

if (positionals[0] === 'token' && positionals[1] === 'create') {
  const namespace = NamespaceSchema.safeParse(values.namespace ?? '');
  if (!namespace.success) {
    process.stderr.write('token create needs --namespace <reverse-DNS, e.g. io.github.alice>\n');
    process.exit(2);
  }
  const token = newToken();
  await store.saveToken({
    hash: hashToken(token),
    namespace: namespace.data,
    createdAt: new Date().toISOString(),
  });
  await store.close();
  process.stdout.write(`${token}\n`);
  process.exit(0);
}
if (positionals.length > 0) {
  process.stderr.write(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
  process.exit(2);
}

if (!values['no-seed']) {
  const published = await seedStore(store, await builtinManifests());
  if (published.length > 0) log.info('published built-in skills', { published });
}
const app = createRegistryApp({
  store,
  auth: { adminToken: process.env.MMSKILLS_REGISTRY_ADMIN_TOKEN },
  log,
});
const server = serve({ fetch: app.fetch, hostname: values.host, port: Number(values.port) }, (info) => {
  log.info('listening', {
    url: `http://${values.host}:${info.port}`,
    store: store.kind,
    toolSearch: store.toolSearch,
  });
});
exitOnListenFailure(server, 'mmskills-registry', {
  host: values.host,
  port: Number(values.port),
  option: '--port',
});
const shutdown = () => {
  server.close();
  void store.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
