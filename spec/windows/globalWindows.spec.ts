import { END_OF_GLOBAL_WINDOW, GLOBAL_WINDOW, globalWindows, MIN_TIMESTAMP } from '../../src/index.js';

describe('globalWindows', () => {
  it('should span [MIN_TIMESTAMP, END_OF_GLOBAL_WINDOW + 1)', () => {
    expect(GLOBAL_WINDOW.start).toBe(MIN_TIMESTAMP);
    expect(GLOBAL_WINDOW.end).toBe(END_OF_GLOBAL_WINDOW + 1);
    expect(GLOBAL_WINDOW.maxTimestamp).toBe(END_OF_GLOBAL_WINDOW);
    expect(GLOBAL_WINDOW.toString()).toBe('GlobalWindow');
    expect(GLOBAL_WINDOW.id).toBe('global');
  });

  it('should be the only window of globalWindows()', () => {
    const fn = globalWindows();
    const assign = fn.assignWindows.bind(fn) as (timestamp: number) => readonly unknown[];

    expect(assign(0)).toStrictEqual([GLOBAL_WINDOW]);
    expect(assign(MIN_TIMESTAMP)[0]).toBe(GLOBAL_WINDOW);
    expect(globalWindows().equals(globalWindows())).toBe(true);
    expect(globalWindows().toString()).toBe('GlobalWindows');
  });
});
