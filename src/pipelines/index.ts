export * from './windowedUserAgg.js';
export * from './seedData.js';
