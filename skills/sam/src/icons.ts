import type { McpIcon } from '@mmskills/core';
import { svgIcon } from '@mmskills/skill-kit';

/**
 * A picture drawn for this skill, `icons/<name>.svg` in the package (listed in its `files`), read
 * once as the definition is built and sent as a data: URI: a client may reach no URL of ours.
 */
export const icon = (name: string): McpIcon[] => [svgIcon(new URL(`../icons/${name}.svg`, import.meta.url))];
