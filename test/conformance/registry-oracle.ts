import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';
import { parse } from 'yaml';

/** The official registry API document, byte for byte (see oracle/README.md). */
export const openApiText = readFileSync(new URL('./oracle/registry-openapi.yaml', import.meta.url));
export const openApi = parse(openApiText.toString('utf8')) as {
  $id: string;
  info: { version: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

// Its schemas are JSON Schema 2020-12 (`jsonSchemaDialect`); OpenAPI's own words (`example`, ...)
// are not keywords, hence not strict.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(openApi);
const pointerToken = (part: string) => part.replaceAll('~', '~0').replaceAll('/', '~1');
const validators = new Map<string, ValidateFunction>();

/** The validator of the JSON body of the response at `path`, `method`, `status` in the document. */
export function responseSchema(path: string, method: string, status: string): ValidateFunction {
  const parts = ['paths', path, method, 'responses', status, 'content', 'application/json', 'schema'];
  // A `$ref` into the document, so that its own `$ref`s resolve within it.
  const ref = `${openApi.$id}#/${parts.map(pointerToken).join('/')}`;
  const known = validators.get(ref) ?? ajv.compile({ $ref: ref });
  validators.set(ref, known);
  return known;
}

/** Every error the document describes has one shape (an object whose `error` is a string): this one. */
export const errorSchema = () => responseSchema('/v0.1/servers/{serverName}/versions', 'get', '404');

/**
 * Checks a JSON body answered at `template` (a path of the document without its `/v0.1`) against
 * the document's schema for its path, method and status; a status the document does not list
 * must be an error of the shape every documented error has. Answers what was covered, as a line.
 */
export function checkResponse(method: string, template: string, status: number, body: unknown, as = status) {
  const path = `/v0.1${template}`;
  const documented = openApi.paths[path]?.[method]?.responses[String(as)] !== undefined;
  const validate = documented ? responseSchema(path, method, String(as)) : errorSchema();
  const problems = validate(body) ? [] : [ajv.errorsText(validate.errors)];
  if (!documented && status < 400) problems.push(`${status} is not in the document`);
  const note = documented ? (as === status ? '' : ` (as ${as})`) : ' (not in the document)';
  return { problems, covered: `${method.toUpperCase()} ${template} ${status}${note}` };
}

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Call {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  token?: string;
  prefix?: '/v0' | '/v0.1';
}
export type OracleCaller = ReturnType<typeof oracleCaller>;

/**
 * Calls a registry at `base`, each time at `template` (a path of the document without its `/v0.1`,
 * `{params}` filled in URL-encoded), checks the answer with `checkResponse` and the RFC 9457 fields
 * of an error, and notes what it covered.
 */
export function oracleCaller(base: string) {
  const covered = new Set<string>();
  const call = async (method: Method, template: string, options: Call = {}) => {
    const { prefix = '/v0.1', params = {}, query, body, token } = options;
    const path = template.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
    const response = await fetch(`${base}${prefix}${path}${query ? `?${query}` : ''}`, {
      method: method.toUpperCase(),
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    // `/v0/publish` answers 201 Created (what the mmskills CLI checks) with the body the document gives 200.
    const as = prefix === '/v0' && response.status === 201 ? 200 : response.status;
    const checked = checkResponse(method, template, response.status, json, as);
    expect(checked.problems, `${method} ${path}`).toEqual([]);
    if (response.status >= 400)
      expect(json).toMatchObject({
        title: expect.any(String),
        status: response.status,
        detail: expect.any(String),
      });
    covered.add(checked.covered);
    return { status: response.status, body: json };
  };
  return { call, covered };
}
