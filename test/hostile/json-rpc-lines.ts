import { seededRandom } from '@mmskills/core/testing';

/** One fuzzed line and the answer JSON-RPC 2.0 asks for: an error code, with the request's id or null. */
export interface FuzzLine {
  line: string;
  expect: { id: number | null; code: number } | { id: number; result: true };
}

const VALID = (id: number) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name: 'image_info', arguments: { image: 'data:,x' } },
  });

const NOT_JSON_RPC = [
  '[]',
  '{}',
  '42',
  '"text"',
  'null',
  'true',
  '{"jsonrpc":"1.0","id":1,"method":"ping"}',
  '{"id":1,"method":"ping"}',
  '{"jsonrpc":"2.0","id":1,"method":42}',
  '{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}',
  '[{"jsonrpc":"2.0","id":1,"method":"ping"}]',
];

/**
 * `count` seeded lines (ids from 1000 up): garbage and cut-off requests (parse error, id null), JSON
 * that is no JSON-RPC message (invalid request, id null), unknown methods (method not found, with
 * the id) and tool calls with arguments outside the schema (a result, isError).
 */
export function fuzzLines(count: number, seed: number): FuzzLine[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, index): FuzzLine => {
    const id = 1000 + index;
    switch (Math.floor(random() * 5)) {
      case 0: {
        const length = 1 + Math.floor(random() * 80);
        // Printable garbage that never happens to be JSON: it starts with a letter JSON cannot start with.
        const body = Array.from({ length }, () => String.fromCharCode(33 + Math.floor(random() * 90))).join(
          '',
        );
        return { line: `x${body}`, expect: { id: null, code: -32700 } };
      }
      case 1: {
        const full = VALID(id);
        return {
          line: full.slice(0, 1 + Math.floor(random() * (full.length - 2))),
          expect: { id: null, code: -32700 },
        };
      }
      case 2:
        return { line: pick(NOT_JSON_RPC), expect: { id: null, code: -32600 } };
      case 3:
        return {
          line: JSON.stringify({
            jsonrpc: '2.0',
            id,
            // Skills serve tools and resources (the pictures they made); prompts they have none of.
            method: pick(['tools/destroy', 'admin/exec', 'prompts/list', '', '💥']),
          }),
          expect: { id, code: -32601 },
        };
      default: {
        const image = pick<unknown>([
          42,
          null,
          ['a'],
          { url: 'x' },
          'x'.repeat(1 + Math.floor(random() * 50)),
          true,
        ]);
        return {
          line: JSON.stringify({
            jsonrpc: '2.0',
            id,
            method: 'tools/call',
            params: { name: 'image_info', arguments: { image } },
          }),
          expect: { id, result: true },
        };
      }
    }
  });
}
