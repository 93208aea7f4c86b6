// The HEALTHCHECK: GET /health on the port the entry point gave the service; exit 0 only on 200.
import { describeService } from './service.mjs';

const { port } = describeService(process.env.MMSKILLS_WORKSPACE ?? '', process.env);
if (port === undefined) process.exit(0);
try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
