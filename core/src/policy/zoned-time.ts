/**
 * Wall-clock time in an IANA time zone with the platform's Intl API (no time zone database of our own):
 * the local fields of an instant, and the instant of local fields, daylight saving changes included.
 */

/** Local calendar fields; weekday 0 = Monday ... 6 = Sunday. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the platform knows the time zone (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local fields of an instant (ms since the epoch) in a time zone. */
export function wallTime(instant: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday] ?? 0,
  };
}

/** Local time minus UTC at an instant, in ms (Europe/Berlin in summer: +2 h). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the wall clock of a time zone shows these fields. A time that happens twice (the hour
 * repeated when clocks go back) is the first of the two; a time that never happens (skipped when clocks go
 * forward) is read with the offset from before the change, so it lands after the gap.
 */
export function zonedInstant(f: Omit<WallTime, 'weekday'>, timeZone: string): number {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const before = offsetAt(asUtc - 86_400_000, timeZone);
  const after = offsetAt(asUtc + 86_400_000, timeZone);
  // Try both offsets around the date; keep those that really show the fields, the earliest first.
  const candidates = [asUtc - Math.max(before, after), asUtc - Math.min(before, after)].filter((t) => offsetAt(t, timeZone) === asUtc - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before;
}

/** Minutes since Monday 00:00 of the local week. */
export function minuteOfWeek(w: WallTime): number {
  return w.weekday * 1440 + w.hour * 60 + w.minute;
}
