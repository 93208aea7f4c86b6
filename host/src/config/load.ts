import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CONVERSATION_FLAGS,
  CONVERSATION_USAGE,
  layerConversationSettings,
} from '../conversations/settings.js';
import { parseLmmSpec } from '../lmm/spec.js';
import { type HostConfig, HostConfigSchema } from './schema.js';

export const HOST_USAGE = `Usage: mmskills-host [--port 8080] [--host 127.0.0.1] [--config mmskills.json] [--registry <url>] [--lmm <spec>] [--record <dir>]
       [--data <dir>] [--database-url <url>]

  --lmm llama:<model.gguf>[,mmproj=<file>][,gpu=auto|vulkan|cpu][,ctx=8192][,threads=N]
        openai:<base-url>[,model=<id>][,key-env=<VAR>][,timeout=<seconds>]
        scripted:<turns.json>              (tests and demos)
  --record <dir>  write each finished exchange (messages, actions, observations, pictures) there
${CONVERSATION_USAGE}Environment: MMSKILLS_PORT, MMSKILLS_HOST, MMSKILLS_CONFIG, MMSKILLS_REGISTRY, MMSKILLS_LMM, MMSKILLS_RECORD,
MMSKILLS_HOST_DATA, MMSKILLS_DATABASE_URL.
`;

/** Reads flags, `MMSKILLS_*` variables and the config file into one validated config. */
export async function loadHostConfig(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Promise<HostConfig> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      registry: { type: 'string' },
      lmm: { type: 'string' },
      record: { type: 'string' },
      ...CONVERSATION_FLAGS,
    },
    strict: true,
  });
  const configPath =
    values.config ??
    env.MMSKILLS_CONFIG ??
    (existsSync(resolve(cwd, 'mmskills.json')) ? 'mmskills.json' : undefined);
  let file: Record<string, unknown> = {};
  if (configPath) {
    const text = await readFile(resolve(cwd, configPath), 'utf8').catch((error: Error) => {
      throw new TypeError(`cannot read config ${configPath}: ${error.message}`);
    });
    try {
      file = JSON.parse(text);
    } catch (error) {
      throw new TypeError(`config ${configPath} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const layered = {
    ...file,
    ...definedOnly({
      port: env.MMSKILLS_PORT,
      host: env.MMSKILLS_HOST,
      registry: env.MMSKILLS_REGISTRY,
      lmm: env.MMSKILLS_LMM,
      record: env.MMSKILLS_RECORD,
    }),
    ...definedOnly({
      port: values.port,
      host: values.host,
      registry: values.registry,
      lmm: values.lmm,
      record: values.record,
    }),
    conversations: layerConversationSettings(file.conversations, env, values),
  };
  const parsed = HostConfigSchema.safeParse(layered);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `/${issue.path.join('/')}: ${issue.message}`)
      .join('; ');
    throw new TypeError(`invalid host configuration${configPath ? ` (${configPath})` : ''}: ${problems}`);
  }
  if (parsed.data.lmm) parseLmmSpec(parsed.data.lmm);
  return parsed.data;
}

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}
