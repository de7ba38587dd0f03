/**
 * The benchmark scenarios: for each, the library pipeline, the deliveries measured, the hand loop with the
 * same semantics, and the target ratio (library events/s over hand-loop events/s, at 1e6 events).
 */
import type { Ev } from './workload.js';
import type { Delivery, PipelineSpec } from './library.js';
import {
  handBatchFixed,
  handBatchSessions,
  handBatchSliding,
  handStreamSeed,
  handStreamSessions,
  handStreamSliding,
  type HandResult,
} from './hand.js';

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly spec: PipelineSpec;
  /** Events with 10 % late (within lateness) and 1 % too late. */
  readonly lateHeavy: boolean;
  /** Deliveries measured by default. */
  readonly deliveries: readonly Delivery[];
  /** Further deliveries measured with `--all`. */
  readonly extraDeliveries: readonly Delivery[];
  /** Target ratio library/hand at 1e6 events. */
  readonly target: number | undefined;
  /** Whether each element lands in exactly one window (enables the element-count check). */
  readonly oneWindowPerElement: boolean;
  readonly hand: (events: readonly Ev[], delivery: Delivery) => HandResult;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'batch',
    description: 'bounded input, count+sum per user per 60 s fixed window, default trigger',
    spec: { window: 'fixed', seedTrigger: false },
    lateHeavy: false,
    deliveries: ['bounded'],
    extraDeliveries: [],
    target: 0.5,
    oneWindowPerElement: true,
    hand: (events) => handBatchFixed(events),
  },
  {
    name: 'stream',
    description:
      'bounded-disorder (5 s) stream, watermark + 1 s processing time every 1,000 events, ' +
      'afterWatermark(early/late afterProcessingTime(10 s)), accumulating, lateness 120 s',
    spec: { window: 'fixed', seedTrigger: true },
    lateHeavy: false,
    deliveries: ['per-element', 'batch-1000'],
    extraDeliveries: [],
    target: 0.35,
    oneWindowPerElement: true,
    hand: (events, delivery) => handStreamSeed(events, delivery),
  },
  {
    name: 'sliding',
    description: '60 s windows every 10 s, default trigger (bounded; with --all also a stream of 1,000-event batches)',
    spec: { window: 'sliding', seedTrigger: false },
    lateHeavy: false,
    deliveries: ['bounded'],
    extraDeliveries: ['batch-1000'],
    target: 0.3,
    oneWindowPerElement: false,
    hand: (events, delivery) => (delivery === 'bounded' ? handBatchSliding(events) : handStreamSliding(events)),
  },
  {
    name: 'sessions',
    description: 'sessions with a 30 s gap per user, default trigger (bounded; with --all also a stream of 1,000-event batches)',
    spec: { window: 'sessions', seedTrigger: false },
    lateHeavy: false,
    deliveries: ['bounded'],
    extraDeliveries: ['batch-1000'],
    target: 0.25,
    oneWindowPerElement: true,
    hand: (events, delivery) => (delivery === 'bounded' ? handBatchSessions(events) : handStreamSessions(events)),
  },
  {
    name: 'late-heavy',
    description: 'the stream scenario with 10 % of events late within the allowed lateness and 1 % beyond it',
    spec: { window: 'fixed', seedTrigger: true },
    lateHeavy: true,
    deliveries: ['per-element', 'batch-1000'],
    extraDeliveries: [],
    target: undefined,
    oneWindowPerElement: true,
    hand: (events, delivery) => handStreamSeed(events, delivery),
  },
];
