import { MmskillsError, MmskillsErrorCode } from '../errors.js';

/** An 8-bit RGB colour. */
export type Rgb = readonly [number, number, number];

/** A colour as RGB, or as text {@link parseColour} reads. */
export type Colour = Rgb | string;

const NAMED: Readonly<Record<string, Rgb>> = {
  red: [230, 25, 75],
  green: [60, 180, 75],
  blue: [0, 130, 200],
  yellow: [255, 225, 25],
  orange: [245, 130, 48],
  purple: [145, 30, 180],
  cyan: [70, 240, 240],
  magenta: [240, 50, 230],
  lime: [210, 245, 60],
  pink: [250, 190, 212],
  teal: [0, 128, 128],
  brown: [170, 110, 40],
  white: [255, 255, 255],
  black: [0, 0, 0],
  grey: [128, 128, 128],
};

/** The colour names {@link parseColour} accepts besides `#rgb` and `#rrggbb`. */
export const COLOUR_NAMES: readonly string[] = Object.keys(NAMED);

/** Distinct colours handed out in order to labels, masks and marks without a colour of their own. */
export const PALETTE: readonly Rgb[] = [
  'red',
  'green',
  'blue',
  'orange',
  'purple',
  'cyan',
  'magenta',
  'lime',
  'teal',
  'yellow',
]
  .map((name) => NAMED[name])
  .filter((rgb): rgb is Rgb => rgb !== undefined);

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rgb`, `#rrggbb` or a name from {@link COLOUR_NAMES} → RGB; undefined when it is none of these. */
export function parseColour(text: string): Rgb | undefined {
  const named = NAMED[text.trim().toLowerCase()];
  if (named) return named;
  const match = HEX.exec(text.trim());
  if (!match?.[1]) return undefined;
  const digits = match[1].length === 3 ? [...match[1]].map((d) => d + d).join('') : match[1];
  return [0, 2, 4].map((at) => Number.parseInt(digits.slice(at, at + 2), 16)) as unknown as Rgb;
}

/**
 * A {@link Colour} as RGB.
 * @throws MmskillsError `invalid_argument` for text that is no colour.
 */
export function toRgb(colour: Colour): Rgb {
  if (typeof colour !== 'string') return colour;
  const rgb = parseColour(colour);
  if (rgb) return rgb;
  throw new MmskillsError(
    MmskillsErrorCode.InvalidArgument,
    `"${colour}" is not a colour: use #rgb, #rrggbb or one of ${COLOUR_NAMES.join(', ')}`,
  );
}

/** The n-th {@link PALETTE} colour, cycling. */
export function paletteColour(index: number): Rgb {
  return PALETTE[index % PALETTE.length] ?? [255, 0, 0];
}

/** `#rrggbb`: the only form colours take inside generated SVG, so no caller text reaches the markup. */
export function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((v) =>
      Math.min(255, Math.max(0, Math.round(v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Black or white, whichever reads better on `rgb` (WCAG relative luminance, simplified). */
export function textColourOn(rgb: Rgb): Rgb {
  const luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  return luminance > 150 ? [0, 0, 0] : [255, 255, 255];
}
