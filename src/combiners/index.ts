/**
 * Combiners: the pure `CombineFn` contract and the built-in aggregations (count, sum, mean, min, max,
 * top, latest, toList) plus composition. No RxJS here; the windowing operators consume these.
 */

export * from './combineFn.js';
export * from './count.js';
export * from './sum.js';
export * from './mean.js';
export * from './min.js';
export * from './max.js';
export * from './top.js';
export * from './latest.js';
export * from './toList.js';
export * from './compose.js';
