// Entry point the runner executes (dist/index.cjs): it only calls run().
import { run } from './main.js';

void run();
