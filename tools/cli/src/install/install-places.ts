import { dirname, join, resolve } from 'node:path';

/** Where install/remove work: the host's config file and the folder skill packages go into. */
export interface InstallPlaces {
  config: string;
  skillsDir: string;
}

/** `--config`, else `MMSKILLS_CONFIG`, else ./mmskills.json (what the host reads); skills beside it. */
export function installPlaces(
  flags: { config?: string; 'skills-dir'?: string },
  env: NodeJS.ProcessEnv = process.env,
): InstallPlaces {
  const config = resolve(flags.config ?? env.MMSKILLS_CONFIG ?? 'mmskills.json');
  const skillsDir = resolve(
    flags['skills-dir'] ?? env.MMSKILLS_SKILLS_DIR ?? join(dirname(config), '.mmskills', 'skills'),
  );
  return { config, skillsDir };
}
