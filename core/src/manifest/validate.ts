import type { z } from 'zod';
import { MmskillsError } from '../errors.js';
import { createJsonSchemaChecker, type ManifestIssue, toPointer } from './json-schema-check.js';
import { type ServerJson, ServerJsonSchema } from './server-json.js';
import { checkToolExamples } from './tool-examples-check.js';
import { type SkillManifest, SkillManifestSchema, type ToolList, ToolListSchema } from './tool-list.js';

/** Outcome of a manifest validation; each issue names where it is by RFC 6901 pointer. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issues: ManifestIssue[] };

function zodIssues(error: z.ZodError): ManifestIssue[] {
  return error.issues.map((issue) => ({ pointer: toPointer(issue.path), message: issue.message }));
}

function checkToolSchemas(tools: ToolList, prefix: string): ManifestIssue[] {
  const check = createJsonSchemaChecker();
  const schemaIssues = tools.flatMap((tool, index) => [
    ...check(tool.inputSchema, `${prefix}/${index}/inputSchema`),
    ...(tool.outputSchema === undefined ? [] : check(tool.outputSchema, `${prefix}/${index}/outputSchema`)),
  ]);
  return schemaIssues.length > 0 ? schemaIssues : checkToolExamples(tools, prefix);
}

/** Validates a `server.json` document against the official registry's rules. */
export function validateServerJson(value: unknown): ValidationResult<ServerJson> {
  const parsed = ServerJsonSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: zodIssues(parsed.error) };
}

/** Validates a tool list: every input/output schema well-formed JSON Schema, every published example fitting its tool. */
export function validateToolList(value: unknown): ValidationResult<ToolList> {
  const parsed = ToolListSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = checkToolSchemas(parsed.data, '');
  return issues.length === 0 ? { ok: true, value: parsed.data } : { ok: false, issues };
}

/** Validates a whole skill manifest (`{ server, tools }`), tool schemas included. */
export function validateSkillManifest(value: unknown): ValidationResult<SkillManifest> {
  const parsed = SkillManifestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues = checkToolSchemas(parsed.data.tools, '/tools');
  return issues.length === 0 ? { ok: true, value: parsed.data } : { ok: false, issues };
}

/** Formats issues one per line as `pointer: message` (the root pointer shown as `(root)`). */
export function formatManifestIssues(issues: readonly ManifestIssue[]): string {
  return issues
    .map((issue) => `${issue.pointer === '' ? '(root)' : issue.pointer}: ${issue.message}`)
    .join('\n');
}

/**
 * Returns the manifest if valid.
 * @throws MmskillsError `invalid_manifest`, listing each problem as `pointer: message`.
 */
export function assertSkillManifest(value: unknown): SkillManifest {
  const result = validateSkillManifest(value);
  if (result.ok) return result.value;
  throw new MmskillsError(
    'invalid_manifest',
    `invalid skill manifest:\n${formatManifestIssues(result.issues)}`,
  );
}
