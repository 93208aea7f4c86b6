import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tsxArgs } from '@mmskills/core/testing';
import { type ListeningProcess, spawnListening } from '@mmskills/skill-kit/testing';
import sharp from 'sharp';

/** The rate limit raised out of the way of the load (spawnListening sets the log level it reads). */
export const STACK_ENV = { ...process.env, MMSKILLS_RATE_LIMIT: '1000000' };

const repo = (path: string) => new URL(`../../${path}`, import.meta.url);

/** What each conversation posts: a 64×48 PNG as a data: URL (see {@link answered}). */
export async function benchPicture(): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** Whether a conversation's event stream ends in the answer after a real `image_info` of the picture. */
export function answered(events: string): boolean {
  return events.includes('"type":"answer"') && events.includes('"width":64');
}

/**
 * Starts the host with a scripted LMM that calls `image_info` on the picture, then answers:
 * `host` is the host bin alone with the image skill over stdio; `serve` is `mmskills serve`
 * (registry, host and the built-in skills, each its own process). Resolves with the host's URL.
 */
export function startScriptedHost(stack: 'host' | 'serve'): Promise<ListeningProcess> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${stack}-`));
  const turns = join(dir, 'turns.json');
  writeFileSync(
    turns,
    JSON.stringify({
      turns: [
        {
          thoughts: 'Measure it.',
          actions: [{ API_name: 'image_info', API_params: { image: 'image_1' } }],
          value: '…',
        },
        { thoughts: 'Done.', actions: [], value: 'Measured.' },
      ],
    }),
  );
  const args =
    stack === 'serve'
      ? [
          ...tsxArgs(repo('tools/cli/src/bin.ts')),
          'serve',
          '--registry-port',
          '0',
          '--data',
          join(dir, 'data'),
        ]
      : [...tsxArgs(repo('host/src/bin.ts')), '--config', imageSkillConfig(dir)];
  // `mmskills serve` logs the registry's URL too; the host's is the one conversations go to.
  return spawnListening([...args, '--port', '0', '--lmm', `scripted:${turns}`], STACK_ENV, {
    line: /"name":"mmskills-host","message":"listening"/,
  });
}

function imageSkillConfig(dir: string): string {
  const config = join(dir, 'mmskills.json');
  const image = { command: process.execPath, args: tsxArgs(repo('skills/image/src/bin.ts')) };
  writeFileSync(config, JSON.stringify({ skills: { image } }));
  return config;
}
