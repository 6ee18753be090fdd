// The package boundary is enforced by ESLint (eslint.config.mjs): an adapter that reaches into the core's
// sources fails `npm run lint` (run by `npm test`); the package API and the kit entry pass.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function lint(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return r.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('deep imports into the core', () => {
  it('are refused in adapters (source, scripts and tests)', async () => {
    for (const file of ['adapters/github-action/src/x.ts', 'adapters/jenkins/scripts/x.ts', 'adapters/circleci-orb/test/x.test.ts']) {
      for (const spec of [
        '../../../core/src/redact.js',
        '../../../core/src/report/index.js',
        '@shiplog/core/src/inputs.js',
        '@shiplog/core/report',
      ]) {
        const messages = await lint(file, `import { x } from '${spec}';\nexport const y = x;\n`);
        expect(messages.join('\n'), `${file} importing ${spec}`).toMatch(/no-restricted-imports: .*adapters import only @shiplog\/core/);
      }
    }
  });

  it('the package API and the kit entry are allowed', async () => {
    for (const spec of ['@shiplog/core', '@shiplog/core/kit']) {
      expect(await lint('adapters/buildkite-plugin/src/x.ts', `import { x } from '${spec}';\nexport const y = x;\n`)).toEqual([]);
    }
  });
});
