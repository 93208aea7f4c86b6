import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { CliError } from '../commands/registry-client.js';
import type { ClientKind, ClientServer } from './servers.js';

/** The block that holds the servers: VS Code's mcp.json says "servers", the others "mcpServers". */
export function serversKey(client: ClientKind): 'servers' | 'mcpServers' {
  return client === 'vscode' ? 'servers' : 'mcpServers';
}

/**
 * Where each client reads its MCP servers by default: Claude Desktop's per-user file, Cursor's
 * global ~/.cursor/mcp.json, and VS Code's workspace .vscode/mcp.json in the current folder.
 */
export function defaultClientFile(
  client: ClientKind,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (client === 'vscode') return resolve('.vscode', 'mcp.json');
  if (client === 'cursor') return join(homedir(), '.cursor', 'mcp.json');
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Claude', 'claude_desktop_config.json');
}

/**
 * Merges `servers` into the client's file: every other key and server is kept, ours replace
 * entries of the same name. The previous file is copied to `<file>.bak` first, and the new one
 * is renamed into place, so a client never reads half a file. Returns the backup's path, if any.
 */
export async function mergeIntoClientFile(
  file: string,
  client: ClientKind,
  servers: Record<string, ClientServer>,
): Promise<string | undefined> {
  let current: Record<string, unknown> = {};
  const exists = existsSync(file);
  if (exists) {
    const text = await readFile(file, 'utf8');
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      throw new CliError(`${file} is not valid JSON (${(error as Error).message}); nothing was changed`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new CliError(`${file} does not hold a JSON object; nothing was changed`);
    current = parsed as Record<string, unknown>;
  }
  const key = serversKey(client);
  const block = current[key] ?? {};
  if (typeof block !== 'object' || block === null || Array.isArray(block))
    throw new CliError(`"${key}" in ${file} is not an object; nothing was changed`);
  const merged = { ...current, [key]: { ...block, ...servers } };
  await mkdir(dirname(file), { recursive: true });
  const backup = exists ? `${file}.bak` : undefined;
  if (backup) await copyFile(file, backup);
  const next = `${file}.${process.pid}.tmp`;
  await writeFile(next, `${JSON.stringify(merged, null, 2)}\n`);
  await rename(next, file);
  return backup;
}
