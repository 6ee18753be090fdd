#!/usr/bin/env node
// Fake `buildkite-agent` for the end-to-end tests: appends {args, stdin} as one JSON line to $FAKE_AGENT_LOG
// (annotate and redactor read their input from stdin, as the real agent does).
import { appendFileSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const readsStdin = args[0] === 'annotate' || args[0] === 'redactor';
const stdin = readsStdin ? readFileSync(0, 'utf8') : '';
appendFileSync(process.env.FAKE_AGENT_LOG, `${JSON.stringify({ args, stdin })}\n`);
