// Which service an image runs, from the workspace it was built for (registry, host, skills/<name>,
// tools/cli), and how that service is told to listen on 0.0.0.0 at the port its HEALTHCHECK probes.
// Plain JavaScript: the runtime image holds only production dependencies, no TypeScript loader.
import { readFileSync } from 'node:fs';

const DEFAULT_PORTS = { registry: 8090, host: 8080, skill: 9000 };

/** @param {string} workspace @param {NodeJS.ProcessEnv} env */
export function describeService(workspace, env) {
  const kind =
    workspace === 'registry' || workspace === 'host'
      ? workspace
      : workspace.startsWith('skills/')
        ? 'skill'
        : workspace === 'tools/cli'
          ? 'cli'
          : undefined;
  if (!kind)
    throw new Error(`MMSKILLS_WORKSPACE "${workspace}" is not registry, host, skills/<name> or tools/cli`);
  const manifest = JSON.parse(readFileSync(new URL(`./${workspace}/package.json`, import.meta.url), 'utf8'));
  const bin = `./${workspace}/${Object.values(manifest.bin)[0]}`;
  if (kind === 'cli') return { kind, bin, port: undefined, listen: [] };
  const port = Number(env.PORT ?? DEFAULT_PORTS[kind]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT "${env.PORT}" is not a port`);
  const address = env.MMSKILLS_LISTEN_HOST ?? '0.0.0.0';
  const listen =
    kind === 'skill'
      ? ['--host', address, '--http', String(port)]
      : ['--host', address, '--port', String(port)];
  return { kind, bin, port, listen };
}
