// The page's one script (served as /web/app.js, bundled by esbuild): the chat and the tools modes.
import { startChat } from './chat.js';
import { startTools } from './tools.js';

startChat();
startTools();
