export { CALL_USAGE, callCommand } from './commands/call.js';
export { CONFIG_USAGE, configCommand } from './commands/config.js';
export { GATEWAY_USAGE, gatewayCommand } from './commands/gateway.js';
export { INFO_USAGE, infoCommand } from './commands/info.js';
export { PUBLISH_USAGE, publishCommand } from './commands/publish.js';
export { CliError, registryUrl } from './commands/registry-client.js';
export { SEARCH_USAGE, searchCommand } from './commands/search.js';
export { SERVE_USAGE, serveCommand } from './commands/serve.js';
