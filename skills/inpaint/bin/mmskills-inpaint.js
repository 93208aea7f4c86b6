#!/usr/bin/env node
// npm links a workspace's bins when it installs, before `dist/` is built, and only to files that exist
// then: so the bin is this committed file, which runs the built entry or says how to build it.
const entry = new URL('../dist/bin.js', import.meta.url);
import(entry.href).catch((error) => {
  const unbuilt = error?.code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(entry.pathname);
  process.stderr.write(
    unbuilt ? `${entry.pathname} is not built: run \`npm run build\`\n` : `${error?.stack}\n`,
  );
  process.exitCode = 1;
});
