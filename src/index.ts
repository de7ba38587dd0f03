/**
 * rxjs-dataflow: Apache Beam's unified batch + stream model (event-time windows, watermarks, triggers,
 * allowed lateness, accumulation modes, panes, per-key combiners) as RxJS operators.
 */
export * from './time/index.js';
export * from './windows/index.js';
export * from './panes/index.js';
export * from './triggers/index.js';
export * from './combiners/index.js';
export * from './strategy/index.js';
export * from './events/index.js';
export * from './core/index.js';
export * from './operators/index.js';
export * from './sources/index.js';
export * from './pipelines/index.js';
