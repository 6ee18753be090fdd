/**
 * How one git store instance reaches the state ref (docs/store-git.md "Two ways to the remote"):
 *
 * - TransportRemote (transport-remote.ts): any remote git can talk to (https, ssh, git, file). The state is
 *   fetched into a cache repository outside the work tree and published with a compare-and-swap push.
 * - LocalRemote (local-remote.ts): a bare repository on a local or shared filesystem with no receive hooks.
 *   Its objects are read and written in place and the ref is moved with `git update-ref <ref> <new> <old>`,
 *   the compare-and-swap a push ends in, without the transport's processes. A repository with hooks (or a
 *   shared-repository setting) is always pushed to, so that its policy runs.
 *
 * Either way the store sees the same four steps: fetch the tip, read its objects, write a commit, publish it.
 */
import type { PushResult } from './git-remote.js';
import type { ObjectReader } from './object-reader.js';
import type { ObjectWriter } from './object-writer.js';

export interface StateRemote {
  /** Reads the objects of the tips fetch() returns and of the commits this instance wrote. */
  readonly reader: ObjectReader;
  /** Writes objects where publish() can find them. */
  readonly writer: ObjectWriter;
  /** The newest tip this instance fetched or published (undefined: none yet, or the ref does not exist). */
  readonly last: string | undefined;
  /** True when `last` was the remote tip less than `ms` ago. */
  confirmedWithin(ms: number): boolean;
  /** The remote tip now, its objects readable (undefined when the ref does not exist). */
  fetch(): Promise<string | undefined>;
  /** Makes `commit` the remote tip if the tip still is `expected` (absent: if the ref does not exist). */
  publish(commit: string, expected: string | undefined): Promise<PushResult>;
  /**
   * Runs one transaction (all its attempts) in turn with the other processes that reach the remote the same way
   * from this machine (absent: no such coordination).
   */
  inTurn?<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
