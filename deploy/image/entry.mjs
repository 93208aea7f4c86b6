// The image's entry point. Secrets arrive as files (Compose and Kubernetes mount them): each
// `MMSKILLS_<NAME>_FILE` or `DATABASE_URL_FILE` variable becomes `MMSKILLS_<NAME>` (`DATABASE_URL`)
// with the file's content, the convention of the official database images, since the services read
// their tokens and URLs from variables; other `_FILE` variables are left alone. Then the service's
// own bin runs in this process, told to listen where the HEALTHCHECK looks.
import { readFileSync } from 'node:fs';
import { describeService } from './service.mjs';

for (const [name, path] of Object.entries(process.env)) {
  if (!/^(MMSKILLS_\w+|DATABASE_URL)_FILE$/.test(name) || !path) continue;
  const target = name.slice(0, -'_FILE'.length);
  if (process.env[target] === undefined) process.env[target] = readFileSync(path, 'utf8').trim();
}
const service = describeService(process.env.MMSKILLS_WORKSPACE ?? '', process.env);
process.argv.splice(2, 0, ...service.listen);
await import(new URL(service.bin, import.meta.url).href);
