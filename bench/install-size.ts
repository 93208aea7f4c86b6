// The bytes on disk and package count of what a production install (`--omit=dev`) of each service
// brings, read from package-lock.json and the installed tree (issue 22: the registry and the CLI
// installed sharp, onnxruntime-node and tfjs through @mmskills/core). `--label before|after` names
// the run; each label's rows replace that label's in results/install-size.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { installClosure } from './lib/install-closure.js';
import { machine } from './lib/machine.js';

const SERVICES = [
  'registry',
  'host',
  'tools/cli',
  'tools/data',
  'skills/ocr',
  'skills/detect',
  'skills/image',
];
const VISION_RUNTIME = ['sharp', 'onnxruntime-node', '@tensorflow/tfjs-core'];
const RESULTS = 'bench/results/install-size.json';

const { values } = parseArgs({ options: { label: { type: 'string', default: 'current' } } });
const root = process.cwd();
const load = loadavg()[0];
const rows = SERVICES.map((workspace) => {
  const closure = installClosure(root, workspace);
  const thirdParty = closure.filter((pkg) => !pkg.workspace);
  const names = new Set(closure.map((pkg) => pkg.name));
  return {
    workspace,
    packages: closure.length,
    third_party_packages: thirdParty.length,
    bytes: closure.reduce((sum, pkg) => sum + pkg.bytes, 0),
    workspace_packages: closure.filter((pkg) => pkg.workspace).map((pkg) => pkg.name),
    vision_runtime: VISION_RUNTIME.filter((name) => names.has(name)),
    largest: thirdParty.slice(0, 8).map(({ name, bytes }) => ({ name, bytes })),
  };
});
const previous = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { runs: {} };
previous.runs[values.label] = { machine: machine(), load: [load, loadavg()[0]], services: rows };
writeFileSync(RESULTS, `${JSON.stringify(previous, null, 2)}\n`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
for (const row of rows) {
  process.stdout.write(
    `${row.workspace.padEnd(14)} ${String(row.packages).padStart(4)} packages ${mib(row.bytes).padStart(10)}  ${row.vision_runtime.join(' ') || '-'}\n`,
  );
}
