export * from './trigger.js';
export * from './defaultTrigger.js';
export * from './never.js';
export * from './afterCount.js';
export * from './afterProcessingTime.js';
export * from './afterWatermark.js';
export * from './composites.js';
