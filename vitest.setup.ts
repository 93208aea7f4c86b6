import { afterEach } from 'vitest';

// Stray console output hides real failures in CI logs (typescript-eslint's console-fail-test).
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let stray: string[] = [];
for (const method of methods) {
  console[method] = (...args: unknown[]) => {
    stray.push(`console.${method}: ${args.map(String).join(' ')}`);
  };
}

afterEach(() => {
  const found = stray;
  stray = [];
  if (found.length > 0) throw new Error(`test wrote to the console:\n${found.join('\n')}`);
});
