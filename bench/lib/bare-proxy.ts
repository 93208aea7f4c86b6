import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The least a gateway can do: a node:http server that pipes each request to one upstream URL and
 * the answer back, bytes untouched, over a keep-alive connection. Spawned as a process of its own,
 * like the host, it measures what one more HTTP hop costs on this machine: the floor under any
 * gateway's added latency. Run: `node bare-proxy.ts <upstream url>`; logs its URL as the host does.
 */
const upstream = new URL(process.argv[2] ?? '');
const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((request, response) => {
  const forwarded = http.request(
    upstream,
    { method: request.method, headers: { ...request.headers, host: upstream.host }, agent },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forwarded.on('error', () => response.destroy());
  request.pipe(forwarded);
});
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  process.stderr.write(
    `${JSON.stringify({ level: 'info', name: 'bare-proxy', message: 'listening', url })}\n`,
  );
});
