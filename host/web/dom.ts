/** An element with a class and text, the page's one way of making nodes (never innerHTML). */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = '',
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The element with `id`, which the page's HTML promises. */
export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

/** A value as indented JSON in a code block. */
export function codeBlock(value: unknown): HTMLPreElement {
  const pre = element('pre');
  pre.append(element('code', '', JSON.stringify(value, null, 2)));
  return pre;
}
