/** One BlazeFace feature map: a `grid`×`grid` layer with `perCell` anchors in each cell. */
interface AnchorLayer {
  grid: number;
  perCell: number;
}

// MediaPipe's BlazeFace SSD options (front and back models alike): a 16×16 map with 2 anchors per
// cell, then an 8×8 map with 6, all unit-sized, so only the centres matter: 512 + 384 = 896 anchors.
const LAYERS: readonly AnchorLayer[] = [
  { grid: 16, perCell: 2 },
  { grid: 8, perCell: 6 },
];

/**
 * Anchor centres of a BlazeFace model with a square input of `inputSize` pixels, in input pixels,
 * in the order the model emits its predictions (row by row, finer map first).
 */
export function blazeFaceAnchors(inputSize: number): Array<[number, number]> {
  const anchors: Array<[number, number]> = [];
  for (const { grid, perCell } of LAYERS) {
    const stride = inputSize / grid;
    for (let row = 0; row < grid; row++) {
      for (let col = 0; col < grid; col++) {
        for (let k = 0; k < perCell; k++) anchors.push([(col + 0.5) * stride, (row + 0.5) * stride]);
      }
    }
  }
  return anchors;
}
