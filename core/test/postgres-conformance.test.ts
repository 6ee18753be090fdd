/** The backend conformance suite, unchanged, against RecordBackend over the postgres store on a real server. */
import { openPostgresStore } from '../src/backend/postgres/index.js';
import { RecordBackend } from '../src/backend/records/record-backend.js';
import { createMemoryHost } from '../src/host.js';
import { describeBackendConformance } from './backend-conformance.js';
import { testDatabase } from './support/pg-shared.js';

describeBackendConformance('postgres', async () => {
  const db = await testDatabase();
  const host = createMemoryHost({ env: { PGPASSWORD: db.password, PGSSLMODE: 'disable' } });
  const store = await openPostgresStore(host, { url: db.url });
  return { backend: new RecordBackend(host, store), cleanup: () => db.drop() };
});
