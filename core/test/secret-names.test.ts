import { describe, expect, it } from 'vitest';
import { isSecretName, isSettingValue } from '../src/secret-names.js';
import { registerSecrets } from '../src/execute.js';
import { createMemoryHost } from '../src/host.js';
import { isForbiddenKey } from '../src/operations/envscript.js';

const SECRET: readonly string[] = [
  'DHPASS',
  'dhpass',
  'DH_PASSWORD',
  'GH_TOKEN',
  'GITHUB_TOKEN',
  'BUILDKITE_AGENT_ACCESS_TOKEN',
  'token',
  'API_SECRET',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'SSH_PRIVATE_KEY',
  'privateKey',
  'DOCKER_PASSWD',
  'DB_PASSWORD',
  'db_password',
  'GOOGLE_CREDENTIALS',
  'GOOGLE_APPLICATION_CREDENTIAL',
  'STRIPE_API_KEY',
  'apikey',
  'DH_PASS',
  'PASS_FILE',
  'PASS',
  'dh-pass',
  'GIT_AUTH',
  'AUTH_HEADER',
  'basic-auth',
  'HTTP_AUTHORIZATION',
  'GPG_PASSPHRASE',
  'SESSION_SECRET_KEY',
];

const NOT_SECRET: readonly string[] = [
  'PASSENGER_COUNT',
  'BYPASS_CACHE',
  'AUTHOR',
  'GIT_AUTHOR_NAME',
  'OAUTH_CLIENT_ID',
  'COMPASS_URL',
  'PATH',
  'HOME',
  'DHUSER',
  'DHURL',
  'GIT_COMMIT',
  'SSH_KEYSCAN_HOSTS',
  'KEYBOARD',
  'PASSIVE_MODE',
  'AUTHENTIK_HOST',
];

describe('isSecretName: the one rule for secret names', () => {
  it.each(SECRET)('%s is secret', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(NOT_SECRET)('%s is not secret', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it('envscript refuses exactly the secret names, plus the Ortelius connection settings', () => {
    for (const name of SECRET) expect(isForbiddenKey(name), name).toBe(true);
    for (const name of ['DHUSER', 'DHURL', 'dhurl']) expect(isForbiddenKey(name), name).toBe(true);
    for (const name of NOT_SECRET.filter((n) => !/^DH(USER|URL)$/.test(n))) expect(isForbiddenKey(name), name).toBe(false);
  });
});

describe('isSettingValue: what a secret-named variable holds that is a setting, not a secret', () => {
  it.each(['true', 'FALSE', 'yes', 'no', 'on', 'off', 'null', 'none', 'undefined', ' false ', undefined])('%s is a setting', (v) => {
    expect(isSettingValue(v)).toBe(true);
  });
  it.each(['s3cr3t-Pa55', 'ghp_abc123', '1234', '123456', 'truthy', 'nope', 'null-pointer'])('%s may be a secret', (v) => {
    expect(isSettingValue(v)).toBe(false);
  });

  it('TOKENIZERS_PARALLELISM=false does not mask every "false" in the output, a real token still is masked', async () => {
    const host = createMemoryHost({
      env: { TOKENIZERS_PARALLELISM: 'false', NPM_CONFIG_ALWAYS_AUTH: 'true', NPM_TOKEN: 'npm_realtoken123' },
    });
    registerSecrets(host, {});
    expect(host.redactor.redact('dry run: false, cached: true, token npm_realtoken123')).toBe('dry run: false, cached: true, token ***');
  });
});
