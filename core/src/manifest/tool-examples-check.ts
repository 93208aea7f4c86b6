import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';
import { type ManifestIssue, toPointer } from './json-schema-check.js';
import { TOOL_EXAMPLES_META_KEY, ToolExamplesSchema } from './tool-examples.js';
import type { ToolList } from './tool-list.js';

// One instance for every check: building an ajv costs far more than compiling a tool schema. Made at
// the first check, not on import: every skill imports core before its handshake (issue 21).
let shared: Ajv | undefined;
const ajvOnce = () =>
  (shared ??= new (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    logger: false,
  }));

/**
 * Checks the examples each tool publishes under `_meta["io.mmskills/examples"]`: their shape, and
 * that every example's `API_params` pass the tool's own input schema, so generated training data
 * never teaches a call the tool would refuse.
 */
export function checkToolExamples(tools: ToolList, prefix: string): ManifestIssue[] {
  return tools.flatMap((tool, index) => {
    const raw = tool._meta?.[TOOL_EXAMPLES_META_KEY];
    if (raw === undefined) return [];
    const at = `${prefix}/${index}/_meta/${TOOL_EXAMPLES_META_KEY.replace('/', '~1')}`;
    const parsed = ToolExamplesSchema.safeParse(raw);
    if (!parsed.success) {
      return parsed.error.issues.map((issue) => ({
        pointer: `${at}${toPointer(issue.path)}`,
        message: issue.message,
      }));
    }
    const { $schema: _dialect, ...schema } = tool.inputSchema;
    let validate: ReturnType<Ajv['compile']>;
    try {
      validate = ajvOnce().compile(schema);
    } catch {
      // An uncompilable input schema is reported by the schema check itself.
      return [];
    }
    return parsed.data.flatMap((example, n) => {
      if (validate(example.API_params)) return [];
      const problems = (validate.errors ?? []).map(
        (error) => `${error.instancePath || '(params)'} ${error.message ?? 'is invalid'}`,
      );
      return [
        {
          pointer: `${at}/${n}/API_params`,
          message: `does not match the input schema of ${tool.name}: ${problems.join('; ')}`,
        },
      ];
    });
  });
}
