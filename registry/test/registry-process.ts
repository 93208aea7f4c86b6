import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';

/** The registry bin, run from source. */
export const registryBin = tsxArgs(new URL('../src/bin.ts', import.meta.url));

/** The environment of a test registry: its admin token, and SQLite even if DATABASE_URL is set. */
export function registryEnv(adminToken: string): NodeJS.ProcessEnv {
  return { ...process.env, MMSKILLS_REGISTRY_ADMIN_TOKEN: adminToken, DATABASE_URL: '' };
}

/** Starts the registry bin on a free port with its SQLite file under `data`; resolves with its URL once it listens. */
export function startRegistry(data: string, env: NodeJS.ProcessEnv): Promise<ListeningProcess> {
  return spawnListening([...registryBin, '--port', '0', '--data', data, '--no-seed'], env);
}
