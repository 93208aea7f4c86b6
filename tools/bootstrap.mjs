// Makes `npm start` and `npm test` work on a fresh clone: installs from the lock when
// node_modules is missing, and with --build builds every package (nx caches unchanged ones).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync(`${root}/node_modules/.package-lock.json`)) {
  process.stderr.write('mmskills: installing dependencies (npm ci)…\n');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (process.argv.includes('--build')) {
  run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
}
