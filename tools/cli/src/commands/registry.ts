import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { packageBin } from './package-bin.js';

export const REGISTRY_USAGE = `Usage: mmskills registry token create --namespace <io.github.you> [--data <dir>]
       mmskills registry [--port 8090] [--host 127.0.0.1] [--data <dir>] [--no-seed]

Runs mmskills-registry with these arguments: \`token create\` prints a new publish token for a
namespace (stored under --data, default ./.mmskills/registry, or in DATABASE_URL's PostgreSQL);
without a subcommand it serves the registry.
`;

/** `mmskills registry …`: the registry's own bin, so operators need only the one command. */
export async function registryCommand(argv: string[]): Promise<number> {
  const child = spawn(process.execPath, [...packageBin('@mmskills/registry'), ...argv], { stdio: 'inherit' });
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return code ?? (signal ? 1 : 0);
}
