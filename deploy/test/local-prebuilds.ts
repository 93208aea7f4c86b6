import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * A container build downloads better-sqlite3's prebuilt binary; this machine reaches no such host,
 * so `npm ci` would compile it (minutes). prebuild-install's documented local-prebuilds folder
 * (`npm_config_<package>_local_prebuilds`) is given the binary this checkout's own install built,
 * from the same version, packed under the name the download would have. `from`: a package folder
 * that depends on better-sqlite3.
 */
export function localPrebuilds(dir: string, from: string): Record<string, string> {
  const require = createRequire(join(from, 'package.json'));
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const stage = join(dir, 'stage');
  mkdirSync(join(stage, 'build', 'Release'), { recursive: true });
  cpSync(
    join(packageDir, 'build/Release/better_sqlite3.node'),
    join(stage, 'build/Release/better_sqlite3.node'),
  );
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const packed = spawnSync('tar', ['-czf', join(dir, name), '-C', stage, 'build']);
  if (packed.status !== 0) throw new Error(`tar failed: ${packed.stderr}`);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}
