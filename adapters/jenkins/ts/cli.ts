/**
 * resources/shiplog/jenkins-context.mjs: run by shiplogDeploy inside withCredentials. Writes the console log to
 * <out>/console.log and prints one JSON object: {"ok":true,"logFile":...,"attributes":{...}} or
 * {"ok":false,"warning":...}. It never fails the step: without Jenkins API access the deployment is still recorded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redactor, maxResponseBytes } from '@shiplog/core/kit';
import { collectBuildFacts } from './jenkins-context.js';

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  const outIdx = argv.indexOf('--out');
  const out = resolve(outIdx >= 0 && argv[outIdx + 1] ? argv[outIdx + 1] : '.shiplog-bin/jenkins');
  const missing = ['JENKINS_URL', 'JOB_NAME', 'BUILD_NUMBER', 'SHIPLOG_JENKINS_USER', 'SHIPLOG_JENKINS_TOKEN'].filter((k) => !env[k]);
  if (missing.length) return { ok: false, warning: `Jenkins API not used: ${missing.join(', ')} not set` };
  const number = Number(env.BUILD_NUMBER);
  if (!Number.isInteger(number) || number < 1)
    return { ok: false, warning: `Jenkins API not used: BUILD_NUMBER "${env.BUILD_NUMBER}" is not a build number` };
  const token = env.SHIPLOG_JENKINS_TOKEN as string;
  // The core's redaction layer: raw, URL-encoded and base64 forms (also inside `user:token` basic-auth strings).
  const redactor = new Redactor();
  redactor.add(token);
  redactor.add(`${env.SHIPLOG_JENKINS_USER}:${token}`);
  try {
    const facts = await collectBuildFacts({
      url: env.JENKINS_URL as string,
      job: env.JOB_NAME as string,
      number,
      user: env.SHIPLOG_JENKINS_USER as string,
      token,
      maxResponseBytes: maxResponseBytes(Number(env.SHIPLOG_MAX_RESPONSE_MIB) > 0 ? Number(env.SHIPLOG_MAX_RESPONSE_MIB) : undefined),
    });
    mkdirSync(out, { recursive: true });
    const logFile = join(out, 'console.log');
    writeFileSync(logFile, redactor.redact(facts.consoleText));
    return { ok: true, logFile, attributes: redactor.redactValue(facts.attributes) };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, warning: `Jenkins API not used: ${redactor.redact(msg).split('\n')[0]}` };
  }
}

main(process.argv.slice(2), process.env).then(
  (r) => process.stdout.write(JSON.stringify(r) + '\n'),
  (e) => {
    process.stdout.write(JSON.stringify({ ok: false, warning: `Jenkins API not used: ${String(e).split('\n')[0]}` }) + '\n');
  },
);
