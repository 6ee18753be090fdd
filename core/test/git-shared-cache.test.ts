/**
 * Two shiplog processes on one machine share a git store's cache (the same XDG_CACHE_HOME): a fetch that lost a
 * race for the cache's locks or shallow file is retried, not reported as a failure of the store. The messages
 * are git's own (seen when two applies ran at once, apply-processes.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { lockedInCache } from '../src/backend/git/git-remote.js';

describe('git cache shared by two processes', () => {
  it.each([
    "fatal: Unable to create '/c/shiplog/git/ab/shallow.lock': File exists.",
    "error: cannot lock ref 'refs/shiplog/tip/1-ab': is at 0123 but expected 4567",
    'fatal: shallow file has changed since we read it',
  ])('retries after: %s', (stderr) => {
    expect(lockedInCache(stderr)).toBe(true);
  });

  it('does not retry a refused or missing remote', () => {
    expect(lockedInCache("fatal: '/srv/none.git' does not appear to be a git repository")).toBe(false);
    expect(lockedInCache('fatal: Authentication failed for https://host/x.git')).toBe(false);
  });
});
