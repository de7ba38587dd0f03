/**
 * The seed example's data: seven transactions around a minute-aligned `t0`, one of them out of order, as a
 * bounded array and as a stream script with a late arrival (spec §11).
 */
import type { SchedulerLike } from 'rxjs';
import { timestamped } from '../events/windowedValue.js';
import { testStream, type TestStream } from '../sources/testStream.js';
import { seconds } from '../time/duration.js';
import type { UserEvent } from './windowedUserAgg.js';

/** The demo's fixed start: 2026-01-01T00:00:00Z in ms. */
export const SEED_T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A user transaction at `t0Ms + offsetSeconds`. */
export function makeEvent(userId: string, eventType: string, amount: number, t0Ms: number, offsetSeconds: number): UserEvent {
  return { user_id: userId, event_type: eventType, amount, event_time: t0Ms / 1_000 + offsetSeconds };
}

/** The seed's batch input; the last event (u2 at t0+50 s) is out of order. */
export function seedBatchEvents(t0 = SEED_T0): UserEvent[] {
  return [
    makeEvent('u1', 'purchase', 20, t0, 5),
    makeEvent('u1', 'purchase', 15, t0, 20),
    makeEvent('u2', 'purchase', 8, t0, 35),
    makeEvent('u1', 'refund', -5, t0, 62),
    makeEvent('u2', 'purchase', 12, t0, 70),
    makeEvent('u3', 'purchase', 9, t0, 75),
    makeEvent('u2', 'purchase', 3, t0, 50),
  ];
}

const at = (e: UserEvent) => timestamped(e, e.event_time * 1_000);

/** The seed's stream script (spec §11.2): the u2 event at t0+50 s arrives after the watermark passed t0+61 s. */
export function seedStreamScript(t0 = SEED_T0, scheduler?: SchedulerLike): TestStream<UserEvent> {
  const [a, b, c, d, e, f, late] = seedBatchEvents(t0) as [UserEvent, UserEvent, UserEvent, UserEvent, UserEvent, UserEvent, UserEvent];
  return testStream<UserEvent>(scheduler ? { scheduler } : {})
    .advanceWatermarkTo(t0)
    .addElements(at(a), at(b), at(c))
    .advanceProcessingTime(seconds(5))
    .advanceWatermarkTo(t0 + seconds(61))
    .addElements(at(d), at(e), at(f))
    .advanceProcessingTime(seconds(5))
    .addElements(at(late))
    .advanceWatermarkTo(t0 + seconds(121))
    .advanceWatermarkToInfinity();
}
