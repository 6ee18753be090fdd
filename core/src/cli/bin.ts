// Entry of the bundled CLI (core/dist/shiplog.mjs): only calls main().
import { main } from './main.js';

main().then((code) => {
  process.exitCode = code;
});
