import {
  elements,
  isDataflowEvent,
  NO_FIRING,
  timestamped,
  TimestampedValue,
  watermark,
  WatermarkEvent,
  GLOBAL_WINDOW,
} from '../../src/index.js';
import { t0 } from '../helpers/dataflow.js';

describe('watermark', () => {
  it('should create a watermark marker that is a dataflow event', () => {
    const w = watermark(t0 + 61_000);

    expect(w).toBeInstanceOf(WatermarkEvent);
    expect(w.kind).toBe('watermark');
    expect(w.time).toBe(t0 + 61_000);
    expect(isDataflowEvent(w)).toBe(true);
    expect(String(w)).toBe('watermark(1767225661000 (2026-01-01T00:01:01.000Z))');
    expect(String(watermark(Infinity))).toBe('watermark(+Infinity)');
  });

  it('should reject NaN, -Infinity and non-numbers', () => {
    expect(() => watermark(Number.NaN)).toThrow(new RangeError('watermark: time must be a number of ms or +Infinity, got NaN'));
    expect(() => watermark(-Infinity)).toThrow(RangeError);
    expect(() => watermark('10' as never)).toThrow(RangeError);
  });

  it('should tell dataflow events from plain values', () => {
    expect(isDataflowEvent(elements([]))).toBe(true);
    expect(isDataflowEvent({ kind: 'watermark', time: 1 })).toBe(false);
    expect(isDataflowEvent(null)).toBe(false);
    expect(isDataflowEvent(42)).toBe(false);
  });

  it('should give timestamped values the global window and the no-firing pane', () => {
    const v = timestamped('a', 5);

    expect(v).toBeInstanceOf(TimestampedValue);
    expect([v.value, v.timestamp]).toStrictEqual(['a', 5]);
    expect(v.windows).toStrictEqual([GLOBAL_WINDOW]);
    expect(v.pane).toBe(NO_FIRING);
    expect(NO_FIRING).toStrictEqual({ timing: 'UNKNOWN', index: 0, nonSpeculativeIndex: 0, isFirst: true, isLast: true });
  });
});
