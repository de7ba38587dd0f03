export * from './window.js';
export * from './windowFn.js';
export * from './fixedWindows.js';
export * from './slidingWindows.js';
export * from './sessions.js';
export * from './globalWindows.js';
