// llama.cpp turns a JSON Schema into a GBNF grammar by expanding every bounded repetition; a
// turn schema holding several tools' `maxItems: 100` or `maxLength` bounds exceeds its limits,
// and its parser then aborts the whole process. The grammar only has to keep output parseable:
// every action is validated against its tool's real schema before it runs.
const EXPANDED_BOUNDS = new Set([
  'maxItems',
  'minItems',
  'maxLength',
  'minLength',
  'pattern',
  'format',
  'uniqueItems',
]);

const LITERALS = new Set(['const', 'enum', 'default', 'examples']);
const NAME_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

// `maxItems: 0` expands to nothing and means something: a turn offered no tools may not act.
const isEmptyArrayRule = (key: string, value: unknown) => key === 'maxItems' && value === 0;

/** A copy of `schema` without the size bounds that make llama.cpp's grammar explode. */
export function grammarFriendlySchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(grammarFriendlySchema);
  if (!schema || typeof schema !== 'object') return schema;
  const kept = Object.entries(schema as Record<string, unknown>).filter(
    ([key, value]) => !EXPANDED_BOUNDS.has(key) || isEmptyArrayRule(key, value),
  );
  return Object.fromEntries(
    kept.map(([key, value]) => {
      if (LITERALS.has(key)) return [key, value];
      if (NAME_MAPS.has(key) && value && typeof value === 'object') {
        return [
          key,
          Object.fromEntries(
            Object.entries(value).map(([name, inner]) => [name, grammarFriendlySchema(inner)]),
          ),
        ];
      }
      return [key, grammarFriendlySchema(value)];
    }),
  );
}
