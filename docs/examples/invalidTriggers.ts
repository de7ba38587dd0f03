// Compositions that are rejected when they are built, with the error each one throws.
import {
  afterAll,
  afterAny,
  afterCount,
  afterEach,
  afterProcessingTime,
  afterWatermark,
  defaultTrigger,
  fixedWindows,
  orFinally,
  repeatedly,
  windowInto,
} from '../../src/index.js';

const attempts: Record<string, () => unknown> = {
  'afterWatermark({ early: repeatedly(afterCount(1)) })': () => afterWatermark({ early: repeatedly(afterCount(1)) }),
  'afterWatermark({ late: defaultTrigger() })': () => afterWatermark({ late: defaultTrigger() }),
  'orFinally(afterCount(1), repeatedly(afterCount(5)))': () => orFinally(afterCount(1), repeatedly(afterCount(5))),
  'afterAny(afterCount(1), afterEach(afterCount(1), afterCount(2)))': () =>
    afterAny(afterCount(1), afterEach(afterCount(1), afterCount(2))),
  'afterAll(repeatedly(afterCount(1)))': () => afterAll(repeatedly(afterCount(1))),
  'afterEach(afterCount(1))': () => afterEach(afterCount(1)),
  'afterAny()': () => afterAny(),
  'afterCount(0)': () => afterCount(0),
  'afterProcessingTime(-1)': () => afterProcessingTime(-1),
  'windowInto({ windowFn: fixedWindows(60_000), trigger: afterCount(1) })': () =>
    windowInto({ windowFn: fixedWindows(60_000), trigger: afterCount(1) }),
};

export function invalidTriggers(): Array<[string, string]> {
  return Object.entries(attempts).map(([code, attempt]) => {
    try {
      attempt();
      return [code, 'accepted'];
    } catch (err) {
      return [code, `${(err as Error).name}: ${(err as Error).message}`];
    }
  });
}
