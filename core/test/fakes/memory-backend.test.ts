// The in-memory fake must behave like a real backend: it passes the same conformance suite as the
// local store, with no opt-outs.
import { describeBackendConformance } from '../backend-conformance.js';
import { MemoryBackend } from './memory-backend.js';

describeBackendConformance('memory fake', async () => ({ backend: new MemoryBackend(), cleanup: async () => {} }));
