import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CliError } from '../commands/registry-client.js';

const run = promisify(execFile);

// onnxruntime-node's postinstall would fetch CUDA libraries from outside the npm registry; the CPU
// build the skills use ships in the package.
const env = () => ({
  ...process.env,
  ONNXRUNTIME_NODE_INSTALL: process.env.ONNXRUNTIME_NODE_INSTALL ?? 'skip',
});

/** npm's own error lines, without the `npm error` prefix: what went wrong, in its words. */
function npmFailure(args: string[], error: unknown): CliError {
  const failure = error as Error & { stderr?: string };
  const reason = (failure.stderr ?? '')
    .split('\n')
    .filter((line) => /npm (error|ERR!)/.test(line))
    .map((line) => line.replace(/^npm (error|ERR!) ?/, '').trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ');
  return new CliError(`npm ${args[0]} failed: ${reason || failure.message.split('\n')[0]}`);
}

/**
 * Runs npm on the skills folder (`--prefix`) with the user's own npm configuration: its registry,
 * proxy, auth and cache come from npmrc files and `npm_config_*` variables, as for any npm install.
 */
export async function npmInPrefix(prefix: string, args: string[]): Promise<void> {
  try {
    await run('npm', [...args, '--prefix', prefix, '--no-audit', '--no-fund'], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 10 * 60_000,
      env: env(),
    });
  } catch (error) {
    throw npmFailure(args, error);
  }
}

/** Runs an npm command that answers on stdout (`npm pack --json`) and resolves with what it printed. */
export async function npmOutput(args: string[]): Promise<string> {
  try {
    return (await run('npm', args, { maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60_000, env: env() })).stdout;
  } catch (error) {
    throw npmFailure(args, error);
  }
}
