import { describe, expect, it } from 'vitest';
import { addDays, isInForce, liesWithin, overlaps, swedishToday } from './organisations.rules.ts';

const v = (valid_from: string | null, valid_to: string | null) => ({ valid_from, valid_to });

describe('validity rules', () => {
  it('counts both ends as days in force, and an open end as no bound', () => {
    expect(isInForce(v('2020-07-01', '2020-07-01'), '2020-07-01')).toBe(true);
    expect(isInForce(v('2020-07-01', null), '2020-06-30')).toBe(false);
    expect(isInForce(v(null, '2020-06-30'), '1900-01-01')).toBe(true);
    expect(isInForce(v(null, '2020-06-30'), '2020-07-01')).toBe(false);
  });

  it('sees consecutive periods as not overlapping, and a shared day as overlapping', () => {
    expect(overlaps(v(null, '2020-06-30'), v('2020-07-01', null))).toBe(false);
    expect(overlaps(v(null, '2020-07-01'), v('2020-07-01', null))).toBe(true);
    expect(overlaps(v(null, null), v('2020-07-01', '2020-07-01'))).toBe(true);
    expect(overlaps(v('2021-01-01', null), v(null, '2020-12-31'))).toBe(false);
  });

  it('keeps a child inside its parent: an open end never outlives an end, a missing start is not compared', () => {
    expect(liesWithin(v('2020-01-01', '2020-12-31'), v('2020-01-01', '2020-12-31'))).toBe(true);
    expect(liesWithin(v(null, '2020-12-31'), v('2020-01-01', '2020-12-31'))).toBe(true);
    expect(liesWithin(v('2019-12-31', null), v('2020-01-01', null))).toBe(false);
    expect(liesWithin(v('2020-01-01', null), v('2020-01-01', '2020-12-31'))).toBe(false);
    expect(liesWithin(v(null, null), v(null, null))).toBe(true);
  });

  it('moves across month and year ends and leap days, and tells the Swedish day', () => {
    expect(addDays('2020-07-01', -1)).toBe('2020-06-30');
    expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    // 23:30 UTC on 30 June is already 1 July in Stockholm (summer time, UTC+2).
    expect(swedishToday(new Date('2020-06-30T23:30:00Z'))).toBe('2020-07-01');
    expect(swedishToday(new Date('2020-12-31T22:59:00Z'))).toBe('2020-12-31');
  });
});
