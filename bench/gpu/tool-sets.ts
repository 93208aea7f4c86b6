import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { PoolTool } from '../../host/src/pool/pool.js';
import detect from '../../skills/detect/tools.json' with { type: 'json' };
import face from '../../skills/face/tools.json' with { type: 'json' };
import image from '../../skills/image/tools.json' with { type: 'json' };
import ocr from '../../skills/ocr/tools.json' with { type: 'json' };
import pose from '../../skills/pose/tools.json' with { type: 'json' };
import segment from '../../skills/segment/tools.json' with { type: 'json' };

/** The built-in skills' published tool descriptors (the committed `tools.json` files), as the pool lists them. */
export function builtInTools(): PoolTool[] {
  const skills = { ocr, detect, face, pose, segment, image } as Record<string, unknown[]>;
  return Object.entries(skills).flatMap(([skill, tools]) =>
    tools.map((tool) => {
      const descriptor = tool as Tool;
      return {
        skill,
        name: descriptor.name,
        qualifiedName: `${skill}__${descriptor.name}`,
        tool: descriptor,
      };
    }),
  );
}

const FIRST = ['read_text', 'detect_objects', 'detect_faces', 'detect_pose', 'segment_people', 'crop'];

/**
 * `count` tool descriptors of real size: the six above (one per built-in skill), then the other
 * real tools, then renamed copies (`crop_2`, …) until there are `count`, as a host with many
 * installed skills would list them.
 */
export function toolSet(count: number): PoolTool[] {
  const real = builtInTools();
  const rank = (entry: PoolTool) => (FIRST.includes(entry.name) ? FIRST.indexOf(entry.name) : FIRST.length);
  const ordered = [...real].sort((a, b) => rank(a) - rank(b));
  return Array.from({ length: count }, (_, i) => {
    const entry = ordered[i % ordered.length] as PoolTool;
    const copy = Math.floor(i / ordered.length);
    if (copy === 0) return entry;
    const name = `${entry.name}_${copy + 1}`;
    return { ...entry, name, qualifiedName: `${entry.skill}__${name}`, tool: { ...entry.tool, name } };
  });
}
