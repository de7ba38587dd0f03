export * from './groupingEngine.js';
export * from './keyEncoding.js';
