import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.ts';
import { buildPictureFigures } from './figures.fixture.ts';
import { change, countText, genderGap, genderRatio, sumCounts } from './figures-format.tsx';

describe('the picture figures fixture and formatting', () => {
  it('builds figures that satisfy the shared schema, with small and hidden cells', () => {
    const figures = buildPictureFigures();
    expect(figures.own.trend).toHaveLength(36);
    expect(JSON.stringify(figures)).toContain('"small"');
    expect(JSON.stringify(figures)).toContain('"hidden"');
    expect(() => buildPictureFigures({ period: { from: '2025-13', to: '2025-12' } })).toThrow();
  });

  it('shows small counts as "<threshold", hidden ones as "•", and computes gaps only from numbers', () => {
    const sv = createFormatters('sv');
    expect(countText('small', 5, sv)).toBe('<5');
    expect(countText('small', 3, sv)).toBe('<3');
    expect(countText('hidden', 5, sv)).toBe('•');
    expect(countText(12345, 5, sv)).toBe('12\u00a0345');
    const theft = buildPictureFigures().own.byType[0]!.current;
    expect(genderGap(theft)).toBe(4);
    expect(genderRatio(theft)).toBe(1.5);
    const vandalism = buildPictureFigures().own.byType[1]!.current;
    expect(genderGap(vandalism)).toBeNull();
    expect(genderRatio(vandalism)).toBeNull();
    expect(change('small', 3)).toBeNull();
    expect(change(7, 3)).toBe(4);
    expect(sumCounts([1, 2, 'hidden'])).toBeNull();
    expect(sumCounts([1, 2])).toBe(3);
  });
});
