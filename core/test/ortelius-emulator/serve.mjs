#!/usr/bin/env node
// The standalone emulator from any working directory: `node /path/to/core/test/ortelius-emulator/serve.mjs
// [--port-file FILE] [--deploy-delay-ms N]` (tsx is resolved next to this file, not in the caller's cwd).
import { register } from 'tsx/esm/api';

register();
await import('./serve.ts');
