import { renderTextPage as renderPage } from '@mmskills/image/testing';

/**
 * The OCR benchmark's prose page `index` (core's page generator, `prose` kind), with its PNG under `png`
 * and its drawn lines under `lines`, as the skills and memory benchmarks read it.
 */
export async function renderTextPage(index: number) {
  const page = await renderPage('prose', index);
  return { ...page, png: page.image, lines: page.layout.lines };
}
