import { describe, expect, it } from 'vitest';
import { evaluateSlot, type TermLike, worstStatus } from './compliance.ts';
import { addDays, swedishDate } from './dates.ts';

const TODAY = '2026-03-02';
const term = (startsOn: string, endsOn: string | null, extra: Partial<TermLike> = {}): TermLike => ({
  deputy: false,
  userDisabled: false,
  startsOn,
  endsOn,
  ...extra,
});

describe('evaluating one required function', () => {
  it('is missing with no one assigned, from today', () => {
    expect(evaluateSlot([], TODAY, 30)).toMatchObject({ status: 'missing', holder: null, gapFrom: TODAY });
  });

  it('is covered by a term until further notice', () => {
    const holder = term('2025-01-01', null);
    expect(evaluateSlot([holder], TODAY, 30)).toEqual({
      status: 'covered',
      holder,
      deputies: [],
      gapFrom: null,
      next: null,
    });
  });

  it('is ending when the term ends within the horizon with no successor, and says from which day', () => {
    const r = evaluateSlot([term('2025-01-01', '2026-03-31')], TODAY, 30);
    expect(r).toMatchObject({ status: 'ending', gapFrom: '2026-04-01' });
  });

  it('counts the horizon in whole days: a gap on day 30 is within it, on day 31 it is not', () => {
    expect(evaluateSlot([term('2025-01-01', addDays(TODAY, 29))], TODAY, 30).status).toBe('ending');
    expect(evaluateSlot([term('2025-01-01', addDays(TODAY, 30))], TODAY, 30).status).toBe('covered');
  });

  it('follows successors that start the day after, and finds the first day no one holds it', () => {
    const chain = [
      term('2025-01-01', '2026-03-10'),
      term('2026-03-11', '2026-03-20'),
      term('2026-03-22', null),
    ];
    const r = evaluateSlot(chain, TODAY, 30);
    expect(r).toMatchObject({ status: 'ending', gapFrom: '2026-03-21', holder: chain[0], next: chain[1] });
    const closed = [...chain.slice(0, 2), term('2026-03-21', null)];
    expect(evaluateSlot(closed, TODAY, 30)).toMatchObject({ status: 'covered', gapFrom: null });
  });

  it('is missing when only a deputy, a disabled account or a future holder is there', () => {
    const deputy = term('2025-01-01', null, { deputy: true });
    const disabled = term('2025-01-01', null, { userDisabled: true });
    const future = term('2026-03-05', null);
    const r = evaluateSlot([deputy, disabled, future], TODAY, 30);
    expect(r).toMatchObject({
      status: 'missing',
      holder: null,
      deputies: [deputy],
      gapFrom: TODAY,
      next: future,
    });
  });

  it('lists only deputies whose term runs today', () => {
    const running = term('2026-01-01', TODAY, { deputy: true });
    const over = term('2025-01-01', '2026-03-01', { deputy: true });
    const later = term('2026-03-03', null, { deputy: true });
    expect(evaluateSlot([running, over, later], TODAY, 30).deputies).toEqual([running]);
  });

  it('takes the worst status of an organisation', () => {
    expect(worstStatus(['covered', 'ending'])).toBe('ending');
    expect(worstStatus(['ending', 'missing', 'covered'])).toBe('missing');
    expect(worstStatus([])).toBe('covered');
  });
});

describe('days in Sweden', () => {
  it('turns over at midnight Swedish time, not UTC', () => {
    expect(swedishDate(new Date('2026-03-01T22:59:00Z'))).toBe('2026-03-01');
    expect(swedishDate(new Date('2026-03-01T23:00:00Z'))).toBe('2026-03-02');
    // Summer time: UTC+2.
    expect(swedishDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
