import { describe, expect, it } from 'vitest';
import { escapeXml, overlaySvg } from './overlay-svg.js';

describe('escapeXml', () => {
  it('escapes markup and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;',
    );
    expect(escapeXml('bell\u0007 nul\u0000 lone\uD800 ok😀')).toBe('bell nul lone ok😀');
    expect(escapeXml('two\nlines')).toBe('two lines');
  });
});

describe('overlaySvg', () => {
  it('puts caption text only inside a text element, escaped', () => {
    const svg = overlaySvg({
      width: 100,
      height: 100,
      boxes: [{ box: [0.1, 0.5, 0.9, 0.9], caption: '</text><script>x</script>', colour: [255, 0, 0] }],
      points: [],
      lines: [],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;x&lt;/script&gt;</text>');
    expect(svg).toContain('stroke="#ff0000"');
  });

  it('skips lines to hidden points and colours each mark its own way', () => {
    const svg = overlaySvg({
      width: 100,
      height: 50,
      boxes: [],
      points: [{ x: 0.1, y: 0.2, colour: [0, 0, 255] }, undefined, { x: 0.5, y: 0.5, colour: [0, 255, 0] }],
      lines: [
        { from: 0, to: 1, colour: [255, 0, 0] },
        { from: 0, to: 2, colour: [255, 255, 0] },
      ],
    });
    expect(svg.match(/<line /g)).toHaveLength(1);
    expect(svg).toContain('<line x1="10" y1="10" x2="50" y2="25" stroke="#ffff00"');
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('fill="#0000ff"');
  });
});
