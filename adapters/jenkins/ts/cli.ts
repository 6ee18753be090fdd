/**
 * resources/shiplog/jenkins-context.mjs: run by shiplogDeploy inside withCredentials. Writes the console log to
 * <out>/console.log and prints the kit's answer (kit/jenkins-helpers.ts jenkinsContextAnswer) as one JSON object.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jenkinsContextAnswer } from '@shiplog/core/kit';
import { collectBuildFacts } from './jenkins-context.js';

const argv = process.argv.slice(2);
const at = argv.indexOf('--out');
const out = resolve(at >= 0 && argv[at + 1] ? argv[at + 1] : '.shiplog-bin/jenkins');
const answer = await jenkinsContextAnswer(process.env, collectBuildFacts, (text) => {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'console.log'), text);
  return join(out, 'console.log');
});
process.stdout.write(JSON.stringify(answer) + '\n');
