/**
 * resources/shiplog/report.mjs (this file bundled with @shiplog/core/kit): prints the build description line of a
 * shiplog result and, for a failure, the message the step fails with (kit/jenkins-helpers.ts jenkinsReportOutput).
 * Usage: node report.mjs --result FILE --operation OP --exit CODE
 */
import { readFileSync } from 'node:fs';
import { jenkinsReportOutput } from '@shiplog/core/kit';

const out = jenkinsReportOutput(process.argv.slice(2), (file) => readFileSync(file, 'utf8'));
if (out.stderr !== undefined) process.stderr.write(out.stderr);
process.stdout.write(out.stdout);
