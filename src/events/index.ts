export * from './windowedValue.js';
export * from './dataflowEvent.js';
