import { runDemo, type DemoLine, type DemoMode } from '../../demo/run.js';

const W1 = { window_start_utc: '2026-01-01T00:00:00.000Z', window_end_utc: '2026-01-01T00:01:00.000Z' };
const W2 = { window_start_utc: '2026-01-01T00:01:00.000Z', window_end_utc: '2026-01-01T00:02:00.000Z' };

function line(
  mode: DemoMode,
  user_id: string,
  window: typeof W1,
  count: number,
  sum_amount: number,
  pane_timing: string,
  pane_index: number,
  pane_is_first: boolean,
  pane_is_last: boolean,
): DemoLine {
  return { mode, user_id, count, sum_amount, ...window, pane_timing, pane_index, pane_is_first, pane_is_last };
}

// Spec §11.1.
const BATCH: DemoLine[] = [
  line('batch', 'u1', W1, 2, 35, 'ON_TIME', 0, true, true),
  line('batch', 'u2', W1, 2, 11, 'ON_TIME', 0, true, true),
  line('batch', 'u1', W2, 1, -5, 'ON_TIME', 0, true, true),
  line('batch', 'u2', W2, 1, 12, 'ON_TIME', 0, true, true),
  line('batch', 'u3', W2, 1, 9, 'ON_TIME', 0, true, true),
];

// Spec §11.2.
const STREAM: DemoLine[] = [
  line('stream', 'u1', W1, 2, 35, 'ON_TIME', 0, true, false),
  line('stream', 'u2', W1, 1, 8, 'ON_TIME', 0, true, false),
  line('stream', 'u1', W2, 1, -5, 'ON_TIME', 0, true, false),
  line('stream', 'u2', W2, 1, 12, 'ON_TIME', 0, true, false),
  line('stream', 'u3', W2, 1, 9, 'ON_TIME', 0, true, false),
  line('stream', 'u2', W1, 2, 11, 'LATE', 1, false, true),
];

describe('runDemo', () => {
  it('should print the spec §11.1 batch table', () => {
    expect(runDemo(['batch'])).toStrictEqual(BATCH);
  });

  it('should print the spec §11.2 stream table', () => {
    expect(runDemo(['stream'])).toStrictEqual(STREAM);
  });

  it('should print the batch lines before the stream lines by default', () => {
    expect(runDemo()).toStrictEqual([...BATCH, ...STREAM]);
  });

  it('should print lines whose keys are exactly the documented JSON Lines fields', () => {
    const keys = Object.keys(runDemo(['stream'])[0]!).sort();

    expect(keys).toStrictEqual(
      [
        'mode',
        'user_id',
        'count',
        'sum_amount',
        'window_start_utc',
        'window_end_utc',
        'pane_timing',
        'pane_index',
        'pane_is_first',
        'pane_is_last',
      ].sort(),
    );
  });

  it('should be serializable as JSON Lines that parse back to the same objects', () => {
    const lines = runDemo(['batch', 'stream']).map((l) => JSON.stringify(l));

    expect(lines.map((l) => JSON.parse(l))).toStrictEqual([...BATCH, ...STREAM]);
    expect(lines[0]).toBe(
      '{"mode":"batch","user_id":"u1","count":2,"sum_amount":35,"window_start_utc":"2026-01-01T00:00:00.000Z",' +
        '"window_end_utc":"2026-01-01T00:01:00.000Z","pane_timing":"ON_TIME","pane_index":0,"pane_is_first":true,"pane_is_last":true}',
    );
  });
});
