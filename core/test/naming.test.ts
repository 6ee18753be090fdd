/**
 * Name parts (naming.ts): `;` separates the parts of a full name and control characters forge log lines, so
 * neither may sit inside a part; Ortelius' cleaning (`.`, `-`, variant `/` -> `_`) still applies to the rest.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../src/errors.js';
import {
  applicationParts,
  cleanVariant,
  cleanVersion,
  componentMatches,
  componentParts,
  namePartProblem,
  splitDomain,
} from '../src/naming.js';

const REFUSED: [string, string][] = [
  [';', '";"'],
  ['\n', 'a newline (U+000A)'],
  ['\r', 'a carriage return (U+000D)'],
  ['\t', 'a tab (U+0009)'],
  ['\u0000', 'a control character (U+0000)'],
  ['\u001b', 'a control character (U+001B)'],
  ['\u007f', 'a DEL (U+007F)'],
  ['\u0085', 'a control character (U+0085)'],
  ['\u2028', 'a line separator (U+2028)'],
];

function thrown(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    return err as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
}

describe('name parts refuse ";" and control characters', () => {
  // every entry point that takes a name part, the input it names, and whether `;` is a separator there
  const entries: [string, (bad: string) => unknown, boolean][] = [
    ['component name', (bad) => componentParts(`GLOBAL.A.c${bad}x`, undefined, '1'), true],
    ['component variant', (bad) => componentParts('GLOBAL.A.c', `main${bad}x`, '1'), false],
    ['component version', (bad) => componentParts('GLOBAL.A.c', 'main', `1${bad}2`), false],
    ['application name', (bad) => applicationParts(`GLOBAL.A.app${bad}x`, '1'), true],
    ['application version', (bad) => applicationParts('GLOBAL.A.app', `1${bad}2`), false],
    ['component variant', (bad) => cleanVariant(`a${bad}b`), false],
    ['component version', (bad) => cleanVersion(`a${bad}b`), false],
    ['component name', (bad) => splitDomain(`GLOBAL.A.c${bad}x`), false],
  ];

  for (const [char, described] of REFUSED) {
    const cases = entries.filter(([, , separator]) => !(separator && char === ';'));
    it.each(cases)(`${JSON.stringify(char)}: %s is refused with one line naming it and the character`, (what, call) => {
      const err = thrown(() => call(char));
      expect(err.exitCode).toBe(2);
      expect(err.message).toContain(`${what} "`);
      expect(err.message).toContain(`contains ${described}`);
      // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed or refused
      expect(err.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    });
  }

  it.each([
    ['GLOBAL.A.c;main;v1;x', /component name "GLOBAL.A.c;main;v1;x" has more than two ";"/],
    ['GLOBAL.A.app;1;2', /application name "GLOBAL.A.app;1;2" has more than one ";"/],
  ])('%s: a full name with more ";" parts than it has is refused', (name, message) => {
    const parse = name.includes('.app') ? () => applicationParts(name) : () => componentParts(name);
    expect(thrown(parse).message).toMatch(message);
  });

  it('reports every bad part at once', () => {
    const err = thrown(() => componentParts('GLOBAL.A.c\nx', 'a;b', '1\t2'));
    expect(err.problems).toHaveLength(3);
  });

  it('the forged log line of the review stays inside one quoted line', () => {
    expect(namePartProblem('GLOBAL.A.c\nshiplog: error: forged', '--component-name', { separators: true })).toBe(
      '--component-name "GLOBAL.A.c\\nshiplog: error: forged" contains a newline (U+000A): names may not hold control characters',
    );
  });

  it.each([
    // what Ortelius accepts and cleans keeps working
    [
      ['GLOBAL.Acme.Store.hello-svc', 'feature/x-y.z', 'v1.2.1-g61ba0ab'],
      { short: 'hello-svc', variant: 'feature_x_y_z', version: 'v1_2_1_g61ba0ab' },
    ],
    [['GLOBAL.Acme.Store.hello-svc;main;v1.2.1', undefined, undefined], { variant: 'main', version: 'v1_2_1' }],
    [['GLOBAL.Acme.Store.hello-svc', undefined, 'main-v1.2'], { variant: 'main', version: 'v1_2' }],
    [['GLOBAL.Acme.Store.hello svc', 'my branch', 'v 1'], { short: 'hello svc', variant: 'my branch', version: 'v 1' }],
    [['GLOBAL.Acme.Store.héllo', 'ünïcode', 'v1'], { short: 'héllo', variant: 'ünïcode' }],
  ] as const)('accepts %j', ([name, variant, version], want) => {
    expect(componentParts(name, variant, version)).toMatchObject(want);
  });
});

describe('componentMatches (history --component-name)', () => {
  const cv = 'GLOBAL.A.cart;main;v1_0';
  it.each([
    ['GLOBAL.A.cart', cv, true],
    ['GLOBAL.A.cart;main', cv, true],
    ['GLOBAL.A.cart;main;v1_0', cv, true],
    ['GLOBAL.A.cart;main;v1', cv, false],
    ['GLOBAL.A.cart;mai', cv, false],
    ['GLOBAL.A.car', cv, false],
    ['GLOBAL.A.cart;feat', cv, false],
    ['GLOBAL.A.cart', 'GLOBAL.A.cart;v1', true],
    ['GLOBAL.A.cart;v1', 'GLOBAL.A.cart;v1', true],
  ])('%s names %s: %s', (filter, name, want) => {
    expect(componentMatches(filter, name)).toBe(want);
  });
});
