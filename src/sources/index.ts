export * from './testStream.js';
