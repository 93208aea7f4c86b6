const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** Decimal units, as Hugging Face shows file sizes: `2.5 GB`, `845 MB`, `512 B`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
