#!/usr/bin/env node
import { SERVE_USAGE, serveCommand } from './commands/serve.js';

const USAGE = `Usage: mmskills <command> [options]

Commands:
  serve     registry + host + built-in skills (what \`npm start\` runs)

Run \`mmskills <command> --help\` for a command's options.
`;

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'serve':
    process.exitCode = await serveCommand(rest);
    break;
  case undefined:
  case '--help':
  case '-h':
    process.stdout.write(`${USAGE}\n${SERVE_USAGE}`);
    break;
  default:
    process.stderr.write(`mmskills: unknown command "${command}"\n\n${USAGE}`);
    process.exitCode = 2;
}
