/**
 * The rules for custom state keys (docs/intent.md "Custom state"), shared by `shiplog state`, the record
 * stores, intent.toml's `uses_state` and the variables deploy commands receive: lower-case words
 * (`db_url`), never a secret's name, never one whose variable shiplog itself reads.
 */
import { INPUTS } from './inputs.js';
import { quoteName } from './naming.js';
import { isSecretName } from './secret-names.js';

/** Deploy commands (and `envscript --env`) receive each key as `SHIPLOG_STATE_<KEY>`. */
export const STATE_VARIABLE_PREFIX = 'SHIPLOG_STATE_';
const KEY = /^[a-z][a-z0-9_]{0,63}$/;
/** A stored value's JSON text may not exceed this (state passes references, not payloads). */
export const MAX_STATE_VALUE_BYTES = 64 * 1024;

/** The variable of a key: `db_url` -> `SHIPLOG_STATE_DB_URL`. */
export function stateVariableName(key: string): string {
  return `${STATE_VARIABLE_PREFIX}${key.toUpperCase()}`;
}

/** A value as an environment variable: a string as it is, anything else as its JSON text. */
export function stateVariableValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** shiplog's own variables that a key must not shadow (SHIPLOG_STATE_DIR is --state-dir). */
function reservedKey(key: string): string | undefined {
  const name = stateVariableName(key);
  const input = INPUTS.find((i) => i.env?.includes(name));
  return input ? `state key ${quoteName(key)} is reserved: ${name} is shiplog's own --${input.name} variable` : undefined;
}

/** What is wrong with a key, as one line, or undefined. */
export function stateKeyProblem(key: string): string | undefined {
  if (isSecretName(key))
    return `state key ${quoteName(key)} has a secret's name: state is not a secret store; pass a reference (the secret's name in your vault) instead`;
  if (!KEY.test(key))
    return `state key ${quoteName(key)} must be lower-case letters, digits and "_", starting with a letter (at most 64 characters), e.g. db_url`;
  return reservedKey(key);
}

/** What is wrong with a value, or undefined. */
export function stateValueProblem(value: unknown): string | undefined {
  if (value === undefined) return 'a state value is required';
  const text = JSON.stringify(value);
  if (text === undefined) return 'a state value must be JSON';
  if (Buffer.byteLength(text, 'utf8') > MAX_STATE_VALUE_BYTES) {
    return `a state value may hold at most ${MAX_STATE_VALUE_BYTES / 1024} KiB of JSON (got ${Buffer.byteLength(text, 'utf8')} bytes): keep references in state, not payloads`;
  }
  return undefined;
}
