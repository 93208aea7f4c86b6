import { describe, expect, it } from 'vitest';
import { checkZoomBox, planZoom, ZOOM_MAX_SIDE } from './zoom-plan.js';

describe('planZoom', () => {
  it('enlarges the longer side toward the target, keeping the aspect ratio', () => {
    expect(planZoom({ width: 400, height: 200 }, 768)).toEqual({ width: 768, height: 384, scale: 1.92 });
    expect(planZoom({ width: 300, height: 500 }, 1000)).toEqual({ width: 600, height: 1000, scale: 2 });
  });

  it('enlarges a small region at most 4×', () => {
    expect(planZoom({ width: 20, height: 10 }, 768)).toEqual({ width: 80, height: 40, scale: 4 });
    expect(planZoom({ width: 1, height: 1 }, 768)).toEqual({ width: 4, height: 4, scale: 4 });
  });

  it('never shrinks a region already past the target, except to the largest side it returns', () => {
    expect(planZoom({ width: 1000, height: 600 }, 768)).toEqual({ width: 1000, height: 600, scale: 1 });
    expect(planZoom({ width: 4096, height: 1024 }, 768)).toEqual({
      width: ZOOM_MAX_SIDE,
      height: ZOOM_MAX_SIDE / 4,
      scale: ZOOM_MAX_SIDE / 4096,
    });
    expect(planZoom({ width: 600, height: 10 }, ZOOM_MAX_SIDE)).toMatchObject({ width: ZOOM_MAX_SIDE });
  });
});

describe('checkZoomBox', () => {
  it('takes a box of at least a pixel each way and refuses a smaller one', () => {
    expect(() => checkZoomBox([0, 0, 0.01, 0.02], 100, 50)).not.toThrow();
    expect(() => checkZoomBox([0.5, 0.5, 0.504, 0.6], 100, 50)).toThrow(
      'box [0.5, 0.5, 0.504, 0.6] covers 0.4×5 pixels of the 100×50 image, less than one pixel',
    );
  });
});
