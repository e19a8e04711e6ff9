/**
 * The server's clock in end-to-end tests (TRYGG_TEST_CLOCK=on): real time plus an offset that an
 * administrator moves forward with POST /api/test/clock, so deadlines, reminders and retention
 * can be seen to happen without waiting.
 */
export interface MovableClock {
  now: () => Date;
  advance(ms: number): void;
}

const clocks = new WeakMap<() => Date, MovableClock>();

/** Real time plus an offset that only grows. */
export function createOffsetClock(): MovableClock {
  let offsetMs = 0;
  const clock: MovableClock = {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms) {
      offsetMs += Math.max(0, ms);
    },
  };
  registerMovableClock(clock);
  return clock;
}

/** Makes a clock movable through the API when its `now` is the app's `deps.now`. */
export function registerMovableClock(clock: MovableClock): void {
  clocks.set(clock.now, clock);
}

export function movableClockOf(now: () => Date): MovableClock | undefined {
  return clocks.get(now);
}
