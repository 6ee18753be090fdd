// Real webhook payloads (@octokit/webhooks-examples), written to temp files for GITHUB_EVENT_PATH.
import { createRequire } from 'node:module';

interface WebhookExamples {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const all = require('@octokit/webhooks-examples') as WebhookExamples[];

/** The first example of `event` matching `pick` (e.g. a push to a branch, not a tag). */
export function payload(event: string, pick: (p: Record<string, unknown>) => boolean = () => true): Record<string, unknown> {
  const found = all.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example payload`);
  return found;
}

export const branchPush = (): Record<string, unknown> =>
  payload('push', (p) => typeof p.ref === 'string' && p.ref.startsWith('refs/heads/') && p.head_commit !== null);

export const openedPullRequest = (): Record<string, unknown> => payload('pull_request', (p) => p.action === 'opened');
