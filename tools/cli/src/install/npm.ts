import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CliError } from '../commands/registry-client.js';

const run = promisify(execFile);

/**
 * Runs npm on the skills folder (`--prefix`) with the user's own npm configuration: its registry,
 * proxy, auth and cache come from npmrc files and `npm_config_*` variables, as for any npm install.
 */
export async function npmInPrefix(prefix: string, args: string[]): Promise<void> {
  try {
    await run('npm', [...args, '--prefix', prefix, '--no-audit', '--no-fund'], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 10 * 60_000,
    });
  } catch (error) {
    const failure = error as Error & { stderr?: string };
    const reason = (failure.stderr ?? '')
      .split('\n')
      .filter((line) => /npm (error|ERR!)/.test(line))
      .map((line) => line.replace(/^npm (error|ERR!) ?/, '').trim())
      .filter(Boolean)
      .slice(0, 3)
      .join(' | ');
    throw new CliError(`npm ${args[0]} failed: ${reason || failure.message.split('\n')[0]}`);
  }
}
