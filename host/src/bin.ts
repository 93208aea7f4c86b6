#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { createLogger, exitOnListenFailure, isLoopbackName, MmskillsError } from '@mmskills/core';
import { z } from 'zod';
import { HOST_USAGE, loadHostConfig } from './config/load.js';
import { hostConfigPath, watchSkillConfig } from './config/watch.js';
import { conversationFile, openConversationStore } from './conversations/open.js';
import type { ConversationStore } from './conversations/store.js';
import { createHost, NO_MODEL_HELP } from './host.js';
import { createHostApp } from './http/app.js';
import { otlpConfigured, otlpTracing } from './telemetry/otlp.js';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(HOST_USAGE);
  process.exit(0);
}
const log = createLogger('mmskills-host');
let config: Awaited<ReturnType<typeof loadHostConfig>>;
try {
  config = await loadHostConfig(argv);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${HOST_USAGE}`);
  process.exit(2);
}
const apiKeys = (process.env.MMSKILLS_API_KEYS ?? '')
  .split(',')
  .map((key) => key.trim())
  .filter(Boolean);
if (!isLoopbackName(config.host) && apiKeys.length === 0) {
  process.stderr.write(
    `refusing to listen on ${config.host} without API keys: set MMSKILLS_API_KEYS=<key1>,<key2>\n`,
  );
  process.exit(2);
}
// A setting that does not parse must stop the start, not switch the limit off (NaN compares false).
const rateLimit = z.coerce
  .number()
  .int()
  .positive()
  .safeParse(process.env.MMSKILLS_RATE_LIMIT ?? 600);
if (!rateLimit.success) {
  process.stderr.write(
    `MMSKILLS_RATE_LIMIT must be a whole number of requests per minute above 0, not "${process.env.MMSKILLS_RATE_LIMIT}"\n`,
  );
  process.exit(2);
}
let conversations: ConversationStore;
try {
  conversations = await openConversationStore(config.conversations);
} catch (error) {
  // An unreachable database or an unwritable file is the operator's setting: one line naming it.
  process.stderr.write(`mmskills-host: ${(error as Error).message}\n`);
  process.exit(1);
}
let host: Awaited<ReturnType<typeof createHost>>;
try {
  // Traces are exported only when the standard OpenTelemetry endpoint setting asks for it.
  host = await createHost(config, { log, ...(otlpConfigured(process.env) && { tracing: otlpTracing() }) });
} catch (error) {
  // A model that cannot load is the user's file or setting: one line naming it, not a stack.
  if (!(error instanceof MmskillsError)) throw error;
  process.stderr.write(`mmskills-host: ${error.message}\n`);
  process.exit(1);
}
if (!host.backend) log.warn(NO_MODEL_HELP);
const stopWatching = watchSkillConfig(hostConfigPath(argv), host.pool, log);
const trustProxy = process.env.MMSKILLS_TRUST_PROXY === '1';
const { app, close } = createHostApp(host, {
  hostname: config.host,
  log,
  apiKeys,
  rateLimitPerMinute: rateLimit.data,
  trustProxy,
  conversations,
});
const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
  const shown = config.host.includes(':') ? `[${config.host}]` : config.host;
  log.info('listening', {
    url: `http://${shown}:${info.port}`,
    model: host.backend?.info() ?? null,
    skills: host.pool.skills,
    conversations: config.conversations.databaseUrl ? 'postgresql' : conversationFile(config.conversations),
  });
});
exitOnListenFailure(server, 'mmskills-host', { host: config.host, port: config.port, option: '--port' });
const shutdown = async () => {
  stopWatching();
  server.close();
  await close();
  await host.close();
  await conversations.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
