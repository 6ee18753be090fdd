/**
 * Deployment freezes ([[freeze]] in shiplog.toml): parsing and "is this environment frozen now, and until when".
 *
 * ```toml
 * [[freeze]]                       # absolute: from a local date-time to another, in time_zone
 * name = "year-end"
 * environments = ["prod-*"]
 * from = 2026-12-20T18:00:00        # a TOML local date-time or a string; with Z or an offset, time_zone may be left out
 * to = 2027-01-04T06:00:00
 * time_zone = "Europe/Berlin"
 *
 * [[freeze]]                       # weekly: every week from a weekday and time to another (may wrap the week)
 * environments = ["prod"]
 * from = "Fri 18:00"
 * to = "Mon 06:00"
 * time_zone = "America/New_York"
 * ```
 * Windows include `from` and exclude `to`. Times are wall-clock times in the zone, so a weekly window keeps its
 * local hours across daylight saving changes.
 */
import picomatch from 'picomatch';
import type { FreezeWindow } from '../model.js';
import { isTimeZone, minuteOfWeek, wallTime, zonedInstant, type WallTime } from './zoned-time.js';

const FREEZE_KEYS = new Set(['name', 'environments', 'from', 'to', 'time_zone', 'reason']);
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKLY = /^([a-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})$/i;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** Text of a TOML value that may be a string or a smol-toml date (whose toISOString keeps a local time local). */
function timeText(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString();
  return undefined;
}

/** Reads one [[freeze]] table; pushes a problem for each bad key. `envs`: the pipeline's environments. */
export function parseFreeze(entry: unknown, i: number, envs: readonly string[], problems: string[]): FreezeWindow | undefined {
  const where = `freeze ${i + 1}`;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || entry instanceof Date) {
    problems.push(`${where} is not a table`);
    return undefined;
  }
  const t = entry as Record<string, unknown>;
  const name = typeof t.name === 'string' && t.name.trim() !== '' ? t.name.trim() : undefined;
  const label = name ? `freeze "${name}"` : where;
  const before = problems.length;
  for (const key of Object.keys(t)) {
    if (!FREEZE_KEYS.has(key)) problems.push(`${label}: unknown key "${key}" (known: ${[...FREEZE_KEYS].join(', ')})`);
  }
  if (t.name !== undefined && !name) problems.push(`${where}: "name" must be a non-empty string`);
  if (t.reason !== undefined && typeof t.reason !== 'string') problems.push(`${label}: "reason" must be a string`);
  const patterns = t.environments;
  if (!Array.isArray(patterns) || patterns.length === 0 || !patterns.every((p) => typeof p === 'string' && p.trim() !== '')) {
    problems.push(`${label}: "environments" must be a non-empty list of environment names or globs ("prod-*")`);
  } else {
    for (const p of patterns as string[]) {
      if (!envs.some((e) => picomatch.isMatch(e, p.trim())))
        problems.push(`${label}: environments "${p}" matches no environment of the pipeline`);
    }
  }
  const tz = t.time_zone;
  if (tz !== undefined && (typeof tz !== 'string' || !isTimeZone(tz)))
    problems.push(`${label}: "time_zone" ${JSON.stringify(tz)} is not a time zone (e.g. "Europe/Berlin", "UTC")`);
  const fromText = timeText(t.from);
  const toText = timeText(t.to);
  if (fromText === undefined)
    problems.push(`${label}: "from" is required (a date-time like 2026-12-20T18:00:00, or a weekday and time like "Fri 18:00")`);
  if (toText === undefined) problems.push(`${label}: "to" is required (a date-time, or a weekday and time)`);
  const timeZone = typeof tz === 'string' && isTimeZone(tz) ? tz : undefined;
  let schedule: FreezeWindow['schedule'] | undefined;
  if (fromText !== undefined && toText !== undefined) {
    const wf = WEEKLY.exec(fromText);
    const wt = WEEKLY.exec(toText);
    const df = DATE_TIME.exec(fromText);
    const dt = DATE_TIME.exec(toText);
    if (wf && wt) {
      const from = weeklyMinute(wf, label, 'from', problems);
      const to = weeklyMinute(wt, label, 'to', problems);
      if (tz === undefined) problems.push(`${label}: a weekly window needs "time_zone" (e.g. "Europe/Berlin", "UTC")`);
      if (from !== undefined && to !== undefined && from === to) problems.push(`${label}: "from" and "to" are the same time of the week`);
      if (from !== undefined && to !== undefined) schedule = { kind: 'weekly', from, to };
    } else if (df && dt) {
      if (tz === undefined && (!df[7] || !dt[7])) problems.push(`${label}: give "time_zone" (or Z or an offset in both "from" and "to")`);
      const zone = timeZone ?? 'UTC';
      const from = instantOf(df, zone);
      const to = instantOf(dt, zone);
      if (from === undefined) problems.push(`${label}: "from" ${fromText} is not a valid date-time`);
      if (to === undefined) problems.push(`${label}: "to" ${toText} is not a valid date-time`);
      if (from !== undefined && to !== undefined) {
        if (from >= to) problems.push(`${label}: "from" (${fromText}) is not before "to" (${toText})`);
        else schedule = { kind: 'absolute', from: new Date(from).toISOString(), to: new Date(to).toISOString() };
      }
    } else {
      problems.push(`${label}: "from" and "to" must both be date-times (2026-12-20T18:00:00) or both weekday times ("Fri 18:00")`);
    }
  }
  if (problems.length > before || !schedule) return undefined;
  return {
    name: name ?? `freeze ${i + 1}`,
    environments: (patterns as string[]).map((p) => p.trim()),
    timeZone: timeZone ?? 'UTC',
    ...(typeof t.reason === 'string' && t.reason.trim() ? { reason: t.reason.trim() } : {}),
    text: `${fromText} -> ${toText}${timeZone ? ` ${timeZone}` : ''}`,
    schedule,
  };
}

function weeklyMinute(m: RegExpExecArray, label: string, key: string, problems: string[]): number | undefined {
  const day = DAY_NAMES.indexOf(m[1].toLowerCase());
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (day < 0) problems.push(`${label}: "${key}" starts with "${m[1]}", not a weekday (Mon ... Sun)`);
  if (hour > 23 || minute > 59) problems.push(`${label}: "${key}" time ${m[2]}:${m[3]} is not a time of day`);
  return day < 0 || hour > 23 || minute > 59 ? undefined : day * 1440 + hour * 60 + minute;
}

function instantOf(m: RegExpExecArray, zone: string): number | undefined {
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(m[i]));
  const second = m[6] ? Number(m[6]) : 0;
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[7]) {
    const off = m[7].toUpperCase() === 'Z' ? 0 : (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(4, 6)));
    return probe.getTime() - off * 60_000;
  }
  return zonedInstant({ year, month, day, hour, minute, second }, zone);
}

/** The freeze in force for an environment at an instant: the window and when it ends (ISO); undefined when none. */
export function activeFreeze(
  freezes: readonly FreezeWindow[] | undefined,
  environment: string,
  now: Date,
): { window: FreezeWindow; endsAt: string } | undefined {
  for (const w of freezes ?? []) {
    if (!w.environments.some((p) => picomatch.isMatch(environment, p))) continue;
    const endsAt = freezeEnd(w, now.getTime());
    if (endsAt !== undefined) return { window: w, endsAt: new Date(endsAt).toISOString() };
  }
  return undefined;
}

/** When the window in force at `t` ends (ms), or undefined when it is not in force. */
function freezeEnd(w: FreezeWindow, t: number): number | undefined {
  const s = w.schedule;
  if (s.kind === 'absolute') {
    const from = Date.parse(s.from);
    const to = Date.parse(s.to);
    return t >= from && t < to ? to : undefined;
  }
  const local = wallTime(t, w.timeZone);
  const m = minuteOfWeek(local);
  const inside = s.from < s.to ? m >= s.from && m < s.to : m >= s.from || m < s.to;
  if (!inside) return undefined;
  // The end is the next local `to` on the wall clock, turned into an instant in the zone.
  const ahead = (s.to - m + 10_080) % 10_080;
  return zonedInstant(addMinutes(local, ahead), w.timeZone);
}

function addMinutes(w: WallTime, minutes: number): Omit<WallTime, 'weekday'> {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute + minutes, 0));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: 0,
  };
}
