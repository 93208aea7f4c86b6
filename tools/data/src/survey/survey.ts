import { BoxSchema } from '@mmskills/core';
import type { PoolTool, SkillPool } from '@mmskills/host';
import { z } from 'zod';

export type Box = z.infer<typeof BoxSchema>;

// What the survey keeps of each tool's structured output; zod drops the rest (landmarks, scores
// the plan does not use), so a skill that adds fields changes nothing here.
const FacesSchema = z.object({ faces: z.array(z.object({ box: BoxSchema })) });
const ObjectsSchema = z.object({
  objects: z.array(z.object({ label: z.string(), score: z.number(), box: BoxSchema })),
});
const TextSchema = z.object({
  lines: z.array(z.object({ text: z.string(), box: BoxSchema, confidence: z.number() })),
});
const SizeSchema = z.object({ width: z.number().int().positive(), height: z.number().int().positive() });

/**
 * What the skills found in one picture, with their default arguments. A field is undefined when
 * its tool is not in the pool or answered with an error: the plan then cannot tell, and treats
 * the fact as unknown rather than absent.
 * @see ../../README.md "Generate"
 */
export interface PictureSurvey {
  size?: z.infer<typeof SizeSchema>;
  faces?: Box[];
  objects?: z.infer<typeof ObjectsSchema>['objects'];
  lines?: z.infer<typeof TextSchema>['lines'];
}

const PROBES = {
  size: { tool: 'image_info', read: (value: unknown) => SizeSchema.parse(value) },
  faces: {
    tool: 'detect_faces',
    read: (value: unknown) => FacesSchema.parse(value).faces.map((face) => face.box),
  },
  objects: { tool: 'detect_objects', read: (value: unknown) => ObjectsSchema.parse(value).objects },
  lines: { tool: 'read_text', read: (value: unknown) => TextSchema.parse(value).lines },
} as const;

/** The survey tools the pool offers, by the name the agent uses for each. */
export function surveyTools(tools: readonly PoolTool[]): Partial<Record<keyof PictureSurvey, string>> {
  const found: Partial<Record<keyof PictureSurvey, string>> = {};
  for (const [fact, probe] of Object.entries(PROBES) as Array<[keyof PictureSurvey, { tool: string }]>) {
    const entry = tools.find((candidate) => candidate.tool.name === probe.tool);
    if (entry) found[fact] = entry.name;
  }
  return found;
}

/**
 * Runs each survey tool once on the picture, in parallel (they live in different skills). A tool
 * that answers with an error, or with output the survey cannot read (a third-party tool of the
 * same name), leaves its fact unknown and is listed in `failures`.
 */
export async function surveyPicture(
  pool: SkillPool,
  tools: readonly PoolTool[],
  picture: { data: Buffer; mimeType: string },
): Promise<{ survey: PictureSurvey; failures: Array<{ tool: string; reason: string }> }> {
  const image = `data:${picture.mimeType};base64,${picture.data.toString('base64')}`;
  const survey: PictureSurvey = {};
  const failures: Array<{ tool: string; reason: string }> = [];
  const names = surveyTools(tools);
  await Promise.all(
    (Object.keys(names) as Array<keyof PictureSurvey>).map(async (fact) => {
      const tool = names[fact] as string;
      // Tried twice: one transient failure (a skill restarting) would otherwise change the plan,
      // and so the file, of the whole run.
      const first = await pool.call(tool, { image });
      const result = first.isError ? await pool.call(tool, { image }) : first;
      const text = result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join(' ');
      if (result.isError) return void failures.push({ tool, reason: text || 'the tool failed' });
      const read = PROBES[fact].read as (value: unknown) => unknown;
      try {
        Object.assign(survey, { [fact]: read(result.structuredContent) });
      } catch (error) {
        failures.push({ tool, reason: `unreadable output: ${(error as Error).message.slice(0, 200)}` });
      }
    }),
  );
  failures.sort((a, b) => a.tool.localeCompare(b.tool));
  return { survey, failures };
}
