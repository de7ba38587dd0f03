export * from './paneInfo.js';
