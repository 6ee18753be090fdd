/**
 * Freeze windows in their time zone (policy/freeze.ts, policy/zoned-time.ts): absolute and weekly windows,
 * windows crossing midnight and the end of the week, and daylight saving changes in both directions.
 */
import { describe, expect, it } from 'vitest';
import { parsePipelineConfig } from '../src/pipeline-config.js';
import { activeFreeze } from '../src/policy/freeze.js';
import { zonedInstant } from '../src/policy/zoned-time.js';

function freezes(windows: string) {
  return parsePipelineConfig(
    `[[stage]]\nname = "dev"\n[[stage]]\nname = "prod"\nenvironments = ["prod-eu", "prod-us"]\n${windows}`,
    'shiplog.toml',
  ).freezes;
}

const at = (iso: string) => new Date(iso);

describe('freeze windows', () => {
  it('an absolute window in a time zone: from included, to excluded, only the environments it names', () => {
    const f = freezes(
      '[[freeze]]\nname = "xmas"\nenvironments = ["prod-*"]\nfrom = 2026-12-24T00:00:00\nto = 2026-12-27T00:00:00\ntime_zone = "Europe/Berlin"\n',
    );
    expect(activeFreeze(f, 'prod-eu', at('2026-12-23T22:59:59Z'))).toBeUndefined();
    expect(activeFreeze(f, 'prod-eu', at('2026-12-23T23:00:00Z'))).toMatchObject({
      window: { name: 'xmas' },
      endsAt: '2026-12-26T23:00:00.000Z',
    });
    expect(activeFreeze(f, 'prod-us', at('2026-12-25T12:00:00Z'))).toBeDefined();
    expect(activeFreeze(f, 'dev', at('2026-12-25T12:00:00Z'))).toBeUndefined();
    expect(activeFreeze(f, 'prod-eu', at('2026-12-26T23:00:00Z'))).toBeUndefined();
  });

  it('an absolute window with offsets needs no time zone', () => {
    const f = freezes('[[freeze]]\nenvironments = ["prod-eu"]\nfrom = "2026-06-01T18:00:00+02:00"\nto = "2026-06-01T20:00:00Z"\n');
    expect(activeFreeze(f, 'prod-eu', at('2026-06-01T16:00:00Z'))?.endsAt).toBe('2026-06-01T20:00:00.000Z');
    expect(activeFreeze(f, 'prod-eu', at('2026-06-01T15:59:00Z'))).toBeUndefined();
  });

  it('a weekly window crossing midnight, and one crossing the end of the week', () => {
    const f = freezes(
      '[[freeze]]\nname = "night"\nenvironments = ["prod-eu"]\nfrom = "Fri 22:00"\nto = "Sat 02:00"\ntime_zone = "UTC"\n' +
        '[[freeze]]\nname = "weekend"\nenvironments = ["prod-us"]\nfrom = "Sat 00:00"\nto = "Mon 06:00"\ntime_zone = "UTC"\n',
    );
    // 2026-03-06 is a Friday.
    expect(activeFreeze(f, 'prod-eu', at('2026-03-06T21:59:00Z'))).toBeUndefined();
    expect(activeFreeze(f, 'prod-eu', at('2026-03-06T23:30:00Z'))?.endsAt).toBe('2026-03-07T02:00:00.000Z');
    expect(activeFreeze(f, 'prod-eu', at('2026-03-07T01:59:00Z'))?.endsAt).toBe('2026-03-07T02:00:00.000Z');
    expect(activeFreeze(f, 'prod-eu', at('2026-03-07T02:00:00Z'))).toBeUndefined();
    expect(activeFreeze(f, 'prod-us', at('2026-03-08T12:00:00Z'))?.endsAt).toBe('2026-03-09T06:00:00.000Z');
    expect(activeFreeze(f, 'prod-us', at('2026-03-09T06:00:00Z'))).toBeUndefined();
  });

  it('a weekly window keeps its wall-clock hours across daylight saving changes (spring forward, fall back)', () => {
    const f = freezes('[[freeze]]\nenvironments = ["prod-us"]\nfrom = "Sun 01:00"\nto = "Sun 04:00"\ntime_zone = "America/New_York"\n');
    // 2026-03-08: 02:00 EST -> 03:00 EDT. 05:59Z = 00:59 EST (before); 06:00Z = 01:00 EST; 07:30Z = 03:30 EDT.
    expect(activeFreeze(f, 'prod-us', at('2026-03-08T05:59:00Z'))).toBeUndefined();
    expect(activeFreeze(f, 'prod-us', at('2026-03-08T06:00:00Z'))?.endsAt).toBe('2026-03-08T08:00:00.000Z');
    expect(activeFreeze(f, 'prod-us', at('2026-03-08T07:30:00Z'))?.endsAt).toBe('2026-03-08T08:00:00.000Z');
    expect(activeFreeze(f, 'prod-us', at('2026-03-08T08:00:00Z'))).toBeUndefined();
    // 2026-11-01: 02:00 EDT -> 01:00 EST: 01:00 to 04:00 local lasts four hours, 05:00Z to 09:00Z.
    expect(activeFreeze(f, 'prod-us', at('2026-11-01T04:59:00Z'))).toBeUndefined();
    expect(activeFreeze(f, 'prod-us', at('2026-11-01T05:00:00Z'))?.endsAt).toBe('2026-11-01T09:00:00.000Z');
    expect(activeFreeze(f, 'prod-us', at('2026-11-01T08:59:00Z'))).toBeDefined();
    expect(activeFreeze(f, 'prod-us', at('2026-11-01T09:00:00Z'))).toBeUndefined();
  });

  it('local times: a repeated hour is its first occurrence, a skipped one lands after the gap', () => {
    const ny = (day: number, month: number, hour: number, minute = 0) =>
      new Date(zonedInstant({ year: 2026, month, day, hour, minute, second: 0 }, 'America/New_York')).toISOString();
    expect(ny(1, 11, 1, 30)).toBe('2026-11-01T05:30:00.000Z');
    expect(ny(8, 3, 2, 30)).toBe('2026-03-08T07:30:00.000Z');
    expect(ny(8, 3, 1, 59)).toBe('2026-03-08T06:59:00.000Z');
    expect(ny(8, 3, 3, 0)).toBe('2026-03-08T07:00:00.000Z');
  });
});
