export * from './windowingStrategy.js';
