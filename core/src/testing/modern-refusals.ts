import { expect } from 'vitest';

const META = {
  'io.modelcontextprotocol/clientInfo': { name: 'refusals', version: '0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** A 2026-07-28 request as bytes on the wire, headers and `_meta` envelope chosen by the caller. */
export function modernPost(
  fetcher: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  { method, version, header }: { method: string; version: string; header?: string },
) {
  return fetcher(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': version,
      ...(header !== undefined && { 'mcp-method': header }),
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 7,
      method,
      params: { _meta: { 'io.modelcontextprotocol/protocolVersion': version, ...META } },
    }),
  });
}

/**
 * What the 2026-07-28 revision asks of a server refusing a request before its method runs: HTTP
 * 400 and a JSON-RPC error naming the fault. An `Mcp-Method` header missing, or naming another
 * method than the body, is a headers/body mismatch (-32020); an unknown version is -32022 with the
 * versions served. A well-formed request is answered.
 */
export async function expectModernRefusals(
  fetcher: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
): Promise<void> {
  const answer = async (init: Parameters<typeof modernPost>[2]) => {
    const response = await modernPost(fetcher, url, init);
    return {
      status: response.status,
      body: (await response.json()) as { id?: unknown; error?: { code: number; data?: unknown } },
    };
  };
  const missing = await answer({ method: 'tools/list', version: '2026-07-28' });
  expect(missing).toMatchObject({ status: 400, body: { id: 7, error: { code: -32020 } } });
  const mismatched = await answer({ method: 'tools/list', version: '2026-07-28', header: 'tools/call' });
  expect(mismatched).toMatchObject({ status: 400, body: { error: { code: -32020 } } });
  const unknown = await answer({ method: 'tools/list', version: '2099-01-01', header: 'tools/list' });
  expect(unknown).toMatchObject({
    status: 400,
    body: {
      error: {
        code: -32022,
        data: { supported: expect.arrayContaining(['2026-07-28']), requested: '2099-01-01' },
      },
    },
  });
  const listed = await modernPost(fetcher, url, {
    method: 'tools/list',
    version: '2026-07-28',
    header: 'tools/list',
  });
  expect(listed.status).toBe(200);
}
