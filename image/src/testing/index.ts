export { pngClaiming } from './png-claiming.js';
export {
  type LayoutLine,
  LayoutLineSchema,
  PAGE_KINDS,
  type PageBox,
  PageBoxSchema,
  type PageKind,
  PageKindSchema,
  type PageLayout,
  PageLayoutSchema,
  type TextPage,
} from './text-pages/layout.js';
export { seededRandom } from './text-pages/random.js';
export { renderRuns, type TextRun } from './text-pages/raster.js';
export { pageDataUri, renderTextPage } from './text-pages/render.js';
