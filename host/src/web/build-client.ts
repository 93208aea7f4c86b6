// The build's second step (package.json "build"): writes the page's bundle into dist/web/.
import { writeFile } from 'node:fs/promises';
import { BUILT_CLIENT, bundleClient } from './client-bundle.js';

await writeFile(BUILT_CLIENT, await bundleClient());
