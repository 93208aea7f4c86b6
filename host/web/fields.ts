// A tool's input schema as form fields, and the filled-in form back as the tool's arguments. Pure:
// no DOM, so it is tested in Node.

/** The subset of JSON Schema that tool input schemas use here. */
export interface PropertySchema {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  items?: PropertySchema | PropertySchema[];
  prefixItems?: PropertySchema[];
  minItems?: number;
  maxItems?: number;
  contentMediaType?: string;
}

export interface ObjectSchema {
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

export type FieldKind =
  | 'image'
  | 'box'
  | 'boxes'
  | 'choice'
  | 'text'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'json';

export interface Field {
  name: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  choices: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
}

const typeOf = (schema: PropertySchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

const isNumber = (schema: PropertySchema | undefined) =>
  schema !== undefined && ['number', 'integer'].includes(typeOf(schema) ?? '');

// Four numbers: `items` one number schema with four items, or a tuple (`items` as a list in
// draft-07, `prefixItems` in 2020-12) of four number schemas.
function isBox(schema: PropertySchema | PropertySchema[] | undefined): boolean {
  if (schema === undefined || Array.isArray(schema) || typeOf(schema) !== 'array') return false;
  const tuple = schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : undefined);
  if (tuple) return tuple.length === 4 && tuple.every(isNumber);
  return (
    schema.minItems === 4 && schema.maxItems === 4 && !Array.isArray(schema.items) && isNumber(schema.items)
  );
}

// Pictures are strings named `image` or `*_image` (the skills' contract), or say they hold one.
const isImage = (name: string, schema: PropertySchema) =>
  typeOf(schema) === 'string' &&
  (/^(image|.*_image)$/.test(name) || (schema.contentMediaType ?? '').startsWith('image/'));

function kindOf(name: string, schema: PropertySchema): FieldKind {
  if (isImage(name, schema)) return 'image';
  if (isBox(schema)) return 'box';
  if (typeOf(schema) === 'array' && !Array.isArray(schema.items) && isBox(schema.items)) return 'boxes';
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) return 'choice';
  const type = typeOf(schema);
  if (type === 'string') return 'text';
  if (type === 'number' || type === 'integer' || type === 'boolean') return type;
  return 'json';
}

/** One field per property, in the schema's order. */
export function fieldsOf(schema: ObjectSchema): Field[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    kind: kindOf(name, property),
    required: required.has(name),
    description: property.description ?? '',
    choices: (property.enum ?? []).map(String),
    ...(property.default === undefined ? {} : { default: property.default }),
    ...(property.minimum === undefined ? {} : { minimum: property.minimum }),
    ...(property.maximum === undefined ? {} : { maximum: property.maximum }),
  }));
}

/** What the form holds: typed text per field (checkboxes as booleans), the picture, the drawn box. */
export interface FormState {
  values: Record<string, string | boolean>;
  picture?: string;
  box?: number[];
}

export type Arguments = { ok: true; arguments: Record<string, unknown> } | { ok: false; problem: string };

function parseValue(field: Field, text: string): unknown {
  if (field.kind === 'number' || field.kind === 'integer') {
    const value = Number(text);
    if (!Number.isFinite(value) || (field.kind === 'integer' && !Number.isInteger(value)))
      throw new Error(`${field.name} must be ${field.kind === 'integer' ? 'a whole number' : 'a number'}`);
    return value;
  }
  if (field.kind === 'text' || field.kind === 'choice' || field.kind === 'image') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(
      `${field.name} must be JSON, e.g. ${field.kind === 'json' ? '["a", "b"]' : '[0.1, 0.1, 0.5, 0.5]'}`,
    );
  }
}

/**
 * The tool's arguments: typed values where given, the picture for image fields left empty, the
 * drawn box for box fields left empty; a required field with nothing is a problem to show.
 */
export function argumentsOf(fields: Field[], state: FormState): Arguments {
  const args: Record<string, unknown> = {};
  try {
    for (const field of fields) {
      const raw = state.values[field.name];
      if (field.kind === 'boolean') {
        if (typeof raw === 'boolean' && (raw || field.required || field.default !== undefined))
          args[field.name] = raw;
        continue;
      }
      const text = typeof raw === 'string' ? raw.trim() : '';
      if (text !== '') args[field.name] = parseValue(field, text);
      else if (field.kind === 'image' && state.picture) args[field.name] = state.picture;
      else if (field.kind === 'box' && state.box) args[field.name] = state.box;
      else if (field.kind === 'boxes' && state.box) args[field.name] = [state.box];
      else if (field.required)
        return {
          ok: false,
          problem:
            field.kind === 'image'
              ? `${field.name} needs a picture: choose one above`
              : `${field.name} is required${field.kind === 'box' ? ': draw a box on the picture or type one' : ''}`,
        };
    }
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  return { ok: true, arguments: args };
}
