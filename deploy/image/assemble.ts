// An image's build stage calls this (see Dockerfile): argv → the production closure of one workspace.
import { resolve } from 'node:path';
import { assembleService } from '../src/assemble-service.js';

const [workspace, out] = process.argv.slice(2);
if (!workspace || !out) {
  process.stderr.write('usage: tsx deploy/image/assemble.ts <workspace> <out-dir>\n');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '../..');
const { workspaces, pruned } = assembleService(root, workspace, resolve(out));
process.stdout.write(
  `assembled ${workspace} in ${out}: ${workspaces.join(', ')}; ${pruned.length} optional peers removed\n`,
);
