// Entry point the runner executes (dist/index.mjs): it only calls run().
import { run } from './main.js';

void run();
