/**
 * The one rule for "this name holds a secret", used wherever a name decides it: which environment variables
 * the Redactor registers (execute.ts), which flags a usage error must mask (cli/run-cli.ts), and which keys
 * envscript never writes (operations/envscript.ts). docs/envscript.md and docs/cli.md describe it.
 *
 * Case-insensitive. A name is secret when it
 * - contains TOKEN, SECRET, PASSWORD, PASSWD, PASSPHRASE, CREDENTIAL (so CREDENTIALS too), AUTHORIZATION,
 *   PRIVATE_KEY, API_KEY or ACCESS_KEY (the `_` optional, or `-`), anywhere; or
 * - has PASS or AUTH as a whole word part, words being separated by `_`, `-` or `.` (DH_PASS, PASS_FILE,
 *   GIT_AUTH, AUTH_HEADER; not PASSENGER_COUNT, BYPASS_CACHE, AUTHOR, OAUTH_CLIENT_ID); or
 * - is DHPASS (the Ortelius password variable, one word).
 */
const ANYWHERE = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTHORIZATION|PRIVATE[_-]?KEY|API[_-]?KEY|ACCESS[_-]?KEY/i;
const WORD_PART = /(?:^|[_.-])(?:PASS|AUTH)(?:$|[_.-])/i;
const WHOLE = /^DHPASS$/i;
export function isSecretName(name) {
    return ANYWHERE.test(name) || WORD_PART.test(name) || WHOLE.test(name);
}
/**
 * Values a secret-named variable can hold that are settings, not secrets: `true`/`false`/`yes`/`no`/`on`/`off`,
 * `null`/`none`/`undefined`/`enabled`/`disabled`. TOKENIZERS_PARALLELISM=false or NPM_CONFIG_ALWAYS_AUTH=true
 * must not turn every "false" or "true" in the output into `***`. Numbers are not exempt (a PIN is a secret).
 * Used for the Redactor only; values given for a secret input (--dhpass) are registered whatever they are, and
 * envscript refuses to export a value equal to any secret-named variable's.
 */
const SETTING_WORDS = /^(?:true|false|yes|no|on|off|null|none|undefined|enabled|disabled)$/i;
export function isSettingValue(value) {
    if (value === undefined)
        return true;
    const v = value.trim();
    return SETTING_WORDS.test(v);
}
