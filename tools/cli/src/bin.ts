#!/usr/bin/env node
import { CliError } from './commands/registry-client.js';

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

interface Command {
  usage: string;
  run: (argv: string[]) => Promise<number> | number;
}

const out = (line: string) => process.stdout.write(`${line}\n`);
// `mmskills … | head` closes the pipe early; that ends the command, it is not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
// Each command's module is imported when it runs: all of them (host, registry, data tools) took about
// 1 s to import, most of a one-shot `mmskills call`.
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => {
    const m = await import('./commands/serve.js');
    return { usage: m.SERVE_USAGE, run: m.serveCommand };
  },
  gateway: async () => {
    const m = await import('./commands/gateway.js');
    return { usage: m.GATEWAY_USAGE, run: m.gatewayCommand };
  },
  new: async () => {
    const m = await import('./commands/new.js');
    return { usage: m.NEW_USAGE, run: (argv) => m.newCommand(argv, out) };
  },
  model: async () => {
    const m = await import('./commands/model.js');
    return { usage: m.MODEL_USAGE, run: (argv) => m.modelCommand(argv, out) };
  },
  publish: async () => {
    const m = await import('./commands/publish.js');
    return { usage: m.PUBLISH_USAGE, run: (argv) => m.publishCommand(argv, out) };
  },
  search: async () => {
    const m = await import('./commands/search.js');
    return { usage: m.SEARCH_USAGE, run: (argv) => m.searchCommand(argv, out) };
  },
  info: async () => {
    const m = await import('./commands/info.js');
    return { usage: m.INFO_USAGE, run: (argv) => m.infoCommand(argv, out) };
  },
  install: async () => {
    const m = await import('./commands/install.js');
    return { usage: m.INSTALL_USAGE, run: (argv) => m.installCommand(argv, out) };
  },
  remove: async () => {
    const m = await import('./commands/remove.js');
    return { usage: m.REMOVE_USAGE, run: (argv) => m.removeCommand(argv, out) };
  },
  registry: async () => {
    const m = await import('./commands/registry.js');
    return { usage: m.REGISTRY_USAGE, run: m.registryCommand };
  },
  call: async () => {
    const m = await import('./commands/call.js');
    return { usage: m.CALL_USAGE, run: (argv) => m.callCommand(argv, out) };
  },
  config: async () => {
    const m = await import('./commands/config.js');
    return { usage: m.CONFIG_USAGE, run: (argv) => m.configCommand(argv, out) };
  },
  data: async () => {
    const m = await import('./commands/data.js');
    return { usage: m.DATA_USAGE, run: (argv) => m.dataCommand(argv, out) };
  },
  eval: async () => {
    const m = await import('./commands/eval.js');
    return { usage: m.EVAL_USAGE, run: (argv) => m.evalCommand(argv, out) };
  },
};

const [name, ...rest] = process.argv.slice(2);
// Before the command's own imports: a skill's models load meanwhile (in-process/models-first.ts).
if (name === 'call') (await import('./in-process/models-first.js')).startModelsFirst(rest, process.env);
const command = name && Object.hasOwn(commands, name) ? await commands[name]?.() : undefined;
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
