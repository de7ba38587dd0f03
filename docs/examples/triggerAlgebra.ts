// Every trigger prints itself and compares structurally; `continuation()` is the trigger a downstream
// grouping applies to this grouping's output (spec §3.4).
import {
  afterAll,
  afterAny,
  afterCount,
  afterEach,
  afterProcessingTime,
  afterWatermark,
  defaultTrigger,
  never,
  orFinally,
  repeatedly,
  seconds,
  type Trigger,
} from '../../src/index.js';

export function triggerAlgebra(): Array<[string, string]> {
  const triggers: Trigger[] = [
    defaultTrigger(),
    afterWatermark(),
    afterWatermark({ early: afterProcessingTime(seconds(10)), late: afterProcessingTime(seconds(10)) }),
    afterWatermark({ early: afterCount(100) }),
    afterProcessingTime(seconds(10)),
    afterProcessingTime({ delay: seconds(1), alignTo: seconds(5) }),
    afterProcessingTime({ alignTo: { size: seconds(5), offset: seconds(1) } }),
    afterCount(3),
    never(),
    repeatedly(afterCount(2)),
    afterEach(afterCount(2), afterWatermark()),
    afterAny(afterCount(3), afterProcessingTime(5)),
    afterAll(afterCount(2), afterProcessingTime(5)),
    orFinally(repeatedly(afterCount(2)), afterCount(5)),
  ];
  return triggers.map((t) => [t.toString(), t.continuation().toString()]);
}

/** Structural equality: two separately built triggers with the same shape are equal. */
export function triggerEquality(): boolean[] {
  return [
    repeatedly(afterCount(2)).equals(repeatedly(afterCount(2))),
    repeatedly(afterCount(2)).orFinally(afterCount(5)).equals(orFinally(repeatedly(afterCount(2)), afterCount(5))),
    afterCount(2).equals(afterCount(3)),
  ];
}
