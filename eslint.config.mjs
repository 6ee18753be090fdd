// ESLint (flat config) with typescript-eslint for TypeScript and JavaScript; Prettier (.prettierrc.json) formats.
// docs/architecture.md says why these two and what the import rule guards.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Generated files (scripts/build.ts writes them) and dependencies.
    ignores: ['**/node_modules/**', '**/dist/**', 'adapters/buildkite-plugin/lib/hook.mjs', 'adapters/jenkins/resources/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests walk parsed YAML and JSON documents (action.yml, the packed orb, plugin.yml, results): `any` there is
    // the document's own looseness, not an unchecked API.
    files: ['**/test/**', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The package boundary: an adapter reaches the core only through its package API.
    files: ['adapters/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/src', '**/core/src/**', '@shiplog/core/*', '!@shiplog/core/kit'],
              message: 'adapters import only @shiplog/core (or @shiplog/core/kit): deep imports into the core are internal',
            },
          ],
        },
      ],
    },
  },
);
