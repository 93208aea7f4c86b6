import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A local stand-in for the model hub: `/<owner>/<repo>/resolve/main/<file>` serves `<dir>/<file>`
 * (what MMSKILLS_MODEL_BASE_URL points `mmskills model pull` at), and counts the files sent.
 */
export async function startHubStandIn(dir: string) {
  const served: string[] = [];
  const server = createServer((request, response) => {
    const file = /^\/[\w.-]+\/[\w.-]+\/resolve\/main\/([\w.-]+\.gguf)$/.exec(request.url ?? '')?.[1];
    const path = file ? join(dir, file) : '';
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      response.writeHead(404).end('not found');
      return;
    }
    served.push(file as string);
    response.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
