/**
 * Reads the inputs one platform passes for a command, by their platform names, through the adapter's reader
 * (GitHub: core.getInput; any platform whose inputs arrive one by one as text). Core inputs come back as the
 * raw inputs execute() takes (given ones only, lists one item a line), so the core still applies its env
 * bindings, defaults and checks; the platform's own inputs come back with their defaults applied and booleans
 * parsed. Bad values are collected in `problems` (reported with the core's, all at once).
 */
import type { CommandName, Platform } from '../inputs.js';
import type { RawInputs } from '../operations/input-resolution.js';
import { platformParams } from './exposure.js';

export interface PlatformInputs {
  inputs: RawInputs;
  /** The platform-only inputs, by table name: strings, booleans, or undefined when neither given nor defaulted. */
  own: Record<string, string | boolean | undefined>;
  problems: string[];
}

/** YAML 1.2 core-schema booleans (what GitHub documents for action inputs). */
const TRUE = ['true', 'True', 'TRUE'];

/** Whether an input's text is a YAML 1.2 `true` (blanks around it ignored). */
export const isYamlTrue = (text: unknown): boolean => TRUE.includes(String(text ?? '').trim());
const FALSE = ['false', 'False', 'FALSE'];

export function readPlatformInputs(
  platform: Platform,
  command: CommandName,
  read: (name: string) => string,
  noun = 'input',
): PlatformInputs {
  const out: PlatformInputs = { inputs: {}, own: {}, problems: [] };
  for (const p of platformParams(platform, command)) {
    if (p.channel !== 'value') continue;
    const raw = read(p.name);
    if (!p.spec.platform) {
      if (p.spec.type === 'list') {
        const items = raw
          .split(/\r?\n/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
        if (items.length > 0) out.inputs[p.spec.name] = items;
      } else if (raw.trim() !== '') {
        out.inputs[p.spec.name] = raw.trim();
      }
      continue;
    }
    const text = raw.trim() !== '' ? raw.trim() : p.default;
    if (p.spec.type !== 'boolean') {
      out.own[p.spec.name] = text === '' ? undefined : text;
    } else if (text === undefined || TRUE.includes(text) || FALSE.includes(text)) {
      out.own[p.spec.name] = text !== undefined && TRUE.includes(text);
    } else {
      out.problems.push(`${noun} "${p.name}" must be true or false (got "${text}")`);
      out.own[p.spec.name] = false;
    }
  }
  return out;
}
