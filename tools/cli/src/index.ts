export { SERVE_USAGE, serveCommand } from './commands/serve.js';
