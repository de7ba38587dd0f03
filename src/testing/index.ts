/**
 * rxjs-dataflow/testing: helpers for tests of dataflows.
 */
export * from './collect.js';
export { testStream, TestStream } from '../sources/testStream.js';
export { watermark } from '../events/dataflowEvent.js';
export { timestamped } from '../events/windowedValue.js';
export * from './trace.js';
