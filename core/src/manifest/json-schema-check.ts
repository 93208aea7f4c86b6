import { createRequire } from 'node:module';
import type { Ajv } from 'ajv';

// ajv (95 CommonJS modules) is required at the first check rather than with @mmskills/core: every
// skill imports core, and none checks a schema before its MCP handshake (issue 21).
const requireCjs = createRequire(import.meta.url);

/** A problem at an RFC 6901 JSON pointer. */
export interface ManifestIssue {
  pointer: string;
  message: string;
}

type Dialect = 'draft-07' | '2019-09' | '2020-12';

const DIALECT_IDS: Record<Dialect, string> = {
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
};

const DIALECT_PATTERNS: [RegExp, Dialect][] = [
  [/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, 'draft-07'],
  [/^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, '2019-09'],
  [/^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, '2020-12'],
];

/** Escapes one RFC 6901 reference token. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Joins path segments into an RFC 6901 pointer (`[]` is the whole document, `""`). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${escapePointerToken(String(segment))}`).join('');
}

/**
 * Checks that JSON Schemas are well formed: each one must validate against its dialect's
 * meta-schema, and one with `$ref`s must compile (every `$ref` resolvable). The ajv instances
 * are shared by every checker: building one costs far more than checking a schema.
 */
// A deliberate process-wide cache: schemas are removed after each check, so it does not grow.
const compilers = new Map<Dialect, Ajv>();

export function createJsonSchemaChecker(): (
  schema: Record<string, unknown>,
  pointer: string,
) => ManifestIssue[] {
  const compilerFor = (dialect: Dialect): Ajv => {
    let ajv = compilers.get(dialect);
    if (ajv === undefined) {
      // strict off: tool schemas carry annotation keywords (e.g. "example") that are legal JSON Schema.
      const options = { strict: false, logger: false, validateFormats: false, addUsedSchema: false } as const;
      ajv =
        dialect === '2020-12'
          ? new (requireCjs('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020(options)
          : dialect === '2019-09'
            ? new (requireCjs('ajv/dist/2019.js') as typeof import('ajv/dist/2019.js')).Ajv2019(options)
            : new (requireCjs('ajv') as typeof import('ajv')).Ajv(options);
      compilers.set(dialect, ajv);
    }
    return ajv;
  };

  return (schema, pointer) => {
    const declared = schema.$schema;
    // No $schema: draft-07, the dialect the MCP SDK emits and validates tool arguments with.
    let dialect: Dialect = 'draft-07';
    if (declared !== undefined) {
      const match = DIALECT_PATTERNS.find(
        ([pattern]) => typeof declared === 'string' && pattern.test(declared),
      );
      if (match === undefined) {
        return [
          {
            pointer: `${pointer}/$schema`,
            message: 'unsupported JSON Schema dialect; use draft-07 or 2020-12',
          },
        ];
      }
      dialect = match[1];
    }
    const ajv = compilerFor(dialect);
    const normalised = { ...schema, $schema: DIALECT_IDS[dialect] };
    if (!ajv.validateSchema(normalised)) {
      const byPointer = new Map<string, string>();
      for (const error of ajv.errors ?? []) {
        const at = `${pointer}${error.instancePath}`;
        if (byPointer.has(at)) continue;
        const allowed = error.params.allowedValues as unknown[] | undefined;
        const detail = Array.isArray(allowed) ? ` (${allowed.join(', ')})` : '';
        byPointer.set(at, `not a valid JSON Schema: ${error.message ?? 'invalid'}${detail}`);
      }
      return [...byPointer].map(([at, message]) => ({ pointer: at, message }));
    }
    // Without a $ref, a schema that passes its meta-schema compiles; code generation is the slow part.
    if (!JSON.stringify(schema).includes('"$ref"')) return [];
    try {
      ajv.compile(normalised);
      return [];
    } catch (error) {
      return [{ pointer, message: `JSON Schema does not compile: ${(error as Error).message}` }];
    } finally {
      ajv.removeSchema(normalised);
    }
  };
}
