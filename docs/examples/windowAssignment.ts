// Window assignment: the windows each function gives a timestamp, and how windows and window functions print.
import {
  END_OF_GLOBAL_WINDOW,
  fixedWindows,
  GLOBAL_WINDOW,
  globalWindows,
  seconds,
  sessions,
  slidingWindows,
  type BoundedWindow,
  type WindowFn,
} from '../../src/index.js';

const span = (w: BoundedWindow) => `[${w.start}, ${w.end})`;
const assign = (fn: WindowFn, ts: number) => fn.assignWindows(ts).map(span).join(' ') || '(no window)';

export function windowAssignment(): Record<string, string> {
  const minute = fixedWindows(seconds(60));
  const shifted = fixedWindows(seconds(60), seconds(10));
  const hopping = slidingWindows(seconds(60), seconds(20));
  const gaps = slidingWindows(seconds(10), seconds(30)); // period > size: gaps between windows
  const session = sessions(seconds(10));
  const w = minute.assignWindows(62_000)[0]!;
  return {
    'fixedWindows(seconds(60)).toString()': minute.toString(),
    'fixed, ts 62000': assign(minute, 62_000),
    'fixed, ts -1': assign(minute, -1),
    'fixed with offset 10 s, ts 5000': assign(shifted, 5_000),
    'fixedWindows(seconds(60), seconds(10)).toString()': shifted.toString(),
    'window.maxTimestamp': String(w.maxTimestamp),
    'window.toString()': w.toString(),
    'slidingWindows(seconds(60), seconds(20)).toString()': hopping.toString(),
    'sliding, ts 35000': assign(hopping, 35_000),
    'sliding 10 s every 30 s, ts 5000': assign(gaps, 5_000),
    'sliding 10 s every 30 s, ts 15000': assign(gaps, 15_000),
    'sessions(seconds(10)).toString()': session.toString(),
    'sessions, ts 1000': assign(session, 1_000),
    'globalWindows().toString()': globalWindows().toString(),
    'GLOBAL_WINDOW.toString()': GLOBAL_WINDOW.toString(),
    'GLOBAL_WINDOW.maxTimestamp === END_OF_GLOBAL_WINDOW': String(GLOBAL_WINDOW.maxTimestamp === END_OF_GLOBAL_WINDOW),
  };
}
