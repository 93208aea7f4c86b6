import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';

/** The registry bin on a free port over SQLite in `data`, seeded with the built-in skills. */
export function spawnRegistry(data: string): Promise<ListeningProcess> {
  return spawnListening(
    [...tsxArgs(new URL('../../registry/src/bin.ts', import.meta.url)), '--port', '0', '--data', data],
    { ...process.env, MMSKILLS_REGISTRY_ADMIN_TOKEN: 'faults-admin', DATABASE_URL: '' },
  );
}
