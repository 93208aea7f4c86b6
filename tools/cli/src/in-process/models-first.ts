/**
 * The built-in skills whose models a one-shot `mmskills call` can start loading before the CLI
 * imports anything else: each package's `models-first` entry starts a thread that loads them (the
 * skill made later in this process takes it). OCR's models take about 0.3 s to open and its thread
 * 0.25 s to start, which then run beside the CLI's own imports instead of after them.
 */
const MODELS_FIRST: Record<string, (env: NodeJS.ProcessEnv) => Promise<unknown>> = {
  ocr: async (env) => (await import('@mmskills/skill-ocr/models-first')).startOcrModelsFromEnv(env),
};

/**
 * For `mmskills call <skill> <tool>` (its arguments as given): starts the skill's models where
 * its package can, unless `--help` asks only for the usage. Nothing waits on it; a package that is
 * not installed, or a load that fails, is the call's to find and report.
 */
export function startModelsFirst(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  if (argv.includes('--help') || argv.includes('-h')) return;
  const [given, tool] = argv;
  const skill = given?.slice(given.lastIndexOf('/') + 1);
  const start = skill === undefined || tool === undefined ? undefined : MODELS_FIRST[skill];
  start?.(env).catch(() => undefined);
}
