export * from './constants.js';
export * from './duration.js';
