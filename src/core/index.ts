export * from './groupingEngine.js';
export * from './keyEncoding.js';
export { DataflowError, type DataflowErrorContext } from './errors.js';
export * from './snapshot.js';
