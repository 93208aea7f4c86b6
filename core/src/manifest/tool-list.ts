import { z } from 'zod';
import { McpIconsSchema } from './mcp-icon.js';
import { ServerJsonSchema } from './server-json.js';

/** Size limits a registry can enforce on a published tool list. */
export const ToolListLimits = {
  maxTools: 128,
  maxSchemaBytes: 64 * 1024,
  maxDescriptionLength: 8 * 1024,
} as const;

/** Tool names as mmskills accepts them: 1–64 of `[A-Za-z0-9_-]`. */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A tool's input or output JSON Schema: an object schema, other keywords kept as given.
 * Well-formedness as JSON Schema is checked by `validateToolList`, not here.
 */
export const ObjectJsonSchemaSchema = z
  .looseObject({
    type: z.literal('object'),
    properties: z.record(z.string(), z.unknown()).optional(),
    required: z.array(z.string()).optional(),
  })
  .superRefine((schema, ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(schema), 'utf8');
    if (bytes > ToolListLimits.maxSchemaBytes) {
      ctx.addIssue({
        code: 'custom',
        message: `schema is ${bytes} bytes of JSON; the limit is ${ToolListLimits.maxSchemaBytes}`,
      });
    }
  });
export type ObjectJsonSchema = z.infer<typeof ObjectJsonSchemaSchema>;

export const ToolAnnotationsSchema = z.object({
  title: z.string().optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
export type ToolAnnotations = z.infer<typeof ToolAnnotationsSchema>;

/** One tool as `tools/list` describes it; unknown keys are dropped. */
export const ToolDescriptorSchema = z.object({
  name: z.string().regex(TOOL_NAME_PATTERN, 'must be 1-64 characters of A-Z, a-z, 0-9, "_" or "-"'),
  title: z.string().optional(),
  description: z.string().min(1).max(ToolListLimits.maxDescriptionLength),
  inputSchema: ObjectJsonSchemaSchema,
  outputSchema: ObjectJsonSchemaSchema.optional(),
  annotations: ToolAnnotationsSchema.optional(),
  icons: McpIconsSchema.optional(),
  _meta: z.record(z.string(), z.unknown()).optional(),
});
export type ToolDescriptor = z.infer<typeof ToolDescriptorSchema>;

/** A skill's tools, at most {@link ToolListLimits.maxTools}, names unique. */
export const ToolListSchema = z
  .array(ToolDescriptorSchema)
  .max(ToolListLimits.maxTools)
  .superRefine((tools, ctx) => {
    const seen = new Set<string>();
    tools.forEach((tool, index) => {
      if (seen.has(tool.name)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate tool name "${tool.name}"`,
          path: [index, 'name'],
        });
      }
      seen.add(tool.name);
    });
  });
export type ToolList = z.infer<typeof ToolListSchema>;

/**
 * What a skill publishes and what its bin prints for `--manifest`: its `server.json` and its tools.
 */
export const SkillManifestSchema = z.object({
  server: ServerJsonSchema,
  tools: ToolListSchema,
});
export type SkillManifest = z.infer<typeof SkillManifestSchema>;
