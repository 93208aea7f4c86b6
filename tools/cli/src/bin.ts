#!/usr/bin/env node
import { CALL_USAGE, callCommand } from './commands/call.js';
import { CONFIG_USAGE, configCommand } from './commands/config.js';
import { DATA_USAGE, dataCommand } from './commands/data.js';
import { EVAL_USAGE, evalCommand } from './commands/eval.js';
import { GATEWAY_USAGE, gatewayCommand } from './commands/gateway.js';
import { INFO_USAGE, infoCommand } from './commands/info.js';
import { INSTALL_USAGE, installCommand } from './commands/install.js';
import { MODEL_USAGE, modelCommand } from './commands/model.js';
import { NEW_USAGE, newCommand } from './commands/new.js';
import { PUBLISH_USAGE, publishCommand } from './commands/publish.js';
import { REGISTRY_USAGE, registryCommand } from './commands/registry.js';
import { CliError } from './commands/registry-client.js';
import { REMOVE_USAGE, removeCommand } from './commands/remove.js';
import { SEARCH_USAGE, searchCommand } from './commands/search.js';
import { SERVE_USAGE, serveCommand } from './commands/serve.js';

const USAGE = `Usage: mmskills <command> [options]

Commands:
  serve     registry + host + built-in skills (what \`npm start\` runs)
  gateway   the host's MCP gateway over stdio, for clients that only spawn processes
  new       scaffold a new skill package under skills/
  publish   validate a skill package and publish it to the registry
  search    find tools in the registry by what they do
  info      a published skill and its tools
  install   install a published skill into the host (npm package + host config)
  remove    take an installed skill out of the host again
  registry  the registry's own command: token create --namespace <ns>, or serve it alone
  call      run one tool of a built-in skill
  config    the MCP client snippet for Claude Desktop, VS Code or Cursor
  model     list the models (GGUF LMMs and the skills' ONNX models), or pull one into the cache
  data      instruction data: generate samples with the real skills, or export recorded traces
  eval      score a model: its answers to image questions, or its first turn's tool use
`;

const out = (line: string) => process.stdout.write(`${line}\n`);
// `mmskills … | head` closes the pipe early; that ends the command, it is not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
const commands: Record<string, { usage: string; run: (argv: string[]) => Promise<number> | number }> = {
  serve: { usage: SERVE_USAGE, run: serveCommand },
  gateway: { usage: GATEWAY_USAGE, run: gatewayCommand },
  new: { usage: NEW_USAGE, run: (argv) => newCommand(argv, out) },
  model: { usage: MODEL_USAGE, run: (argv) => modelCommand(argv, out) },
  publish: { usage: PUBLISH_USAGE, run: (argv) => publishCommand(argv, out) },
  search: { usage: SEARCH_USAGE, run: (argv) => searchCommand(argv, out) },
  info: { usage: INFO_USAGE, run: (argv) => infoCommand(argv, out) },
  install: { usage: INSTALL_USAGE, run: (argv) => installCommand(argv, out) },
  remove: { usage: REMOVE_USAGE, run: (argv) => removeCommand(argv, out) },
  registry: { usage: REGISTRY_USAGE, run: registryCommand },
  call: { usage: CALL_USAGE, run: (argv) => callCommand(argv, out) },
  config: { usage: CONFIG_USAGE, run: (argv) => configCommand(argv, out) },
  data: { usage: DATA_USAGE, run: (argv) => dataCommand(argv, out) },
  eval: { usage: EVAL_USAGE, run: (argv) => evalCommand(argv, out) },
};

const [name, ...rest] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!name || name === '--help' || name === '-h') {
  process.stdout.write(USAGE);
} else if (!command) {
  process.stderr.write(`mmskills: unknown command "${name}"\n\n${USAGE}`);
  process.exitCode = 2;
} else if (rest.includes('--help') || rest.includes('-h')) {
  process.stdout.write(command.usage);
} else {
  try {
    process.exitCode = await command.run(rest);
  } catch (error) {
    process.stderr.write(`mmskills ${name}: ${(error as Error).message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}
