// The entry of a worker thread whose script is TypeScript (tests and `--conditions=@mmskills/source`
// runs): loader flags such as `--import tsx` do not reach a worker's own entry, so tsx's API imports
// the script named last on the worker's argv. Built code never comes here.
import { tsImport } from 'tsx/esm/api';

await tsImport(process.argv.at(-1), import.meta.url);
