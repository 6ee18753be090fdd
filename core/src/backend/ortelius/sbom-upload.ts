/**
 * SBOM upload for both server generations (section 4 rows 13-14):
 * - servers with `GET /msapi/sbomtype`: "fullfile" -> `POST /msapi/package {_key, content}`, anything else ->
 *   `POST /msapi/deppkg/<type>?compid=`;
 * - older servers answer /msapi/sbomtype with HTTP 404 (no such microservice): `POST /msapi/deppkg/<type>`.
 * The generation is asked once per run. An upload the server refuses is a BackendError naming the answer.
 */
import { BackendError } from '../../errors.js';
import type { ComponentVersion } from '../../model.js';
import type { OrteliusHttp } from './http-client.js';
import { str } from './server-json.js';

export type SbomRoute = 'package' | 'deppkg';

export interface SbomFile {
  type: 'cyclonedx' | 'spdx';
  content: string;
}

export class SbomUpload {
  private route: Promise<SbomRoute> | undefined;

  constructor(private readonly http: OrteliusHttp) {}

  /** Where this server takes SBOMs (one GET /msapi/sbomtype per run; 404 = the older deppkg-only generation). */
  probe(): Promise<SbomRoute> {
    this.route ??= this.http.get('/msapi/sbomtype', { envelope: 'status', idempotent: true, notFoundOk: true }).then(
      (r) => (r && str(r.SBOMType) === 'fullfile' ? 'package' : 'deppkg'),
      (err: unknown) => {
        this.route = undefined;
        throw err;
      },
    );
    return this.route;
  }

  async upload(cv: Pick<ComponentVersion, 'id' | 'name'>, sboms: SbomFile[]): Promise<void> {
    if (!sboms.length) return;
    const route = await this.probe();
    for (const sbom of sboms) {
      if (route === 'package') {
        let content: unknown;
        try {
          content = JSON.parse(sbom.content);
        } catch {
          content = sbom.content;
        }
        const r = await this.http.post('/msapi/package', { json: { _key: cv.id, content }, envelope: 'status', idempotent: true });
        refused(r, 'POST /msapi/package');
      } else {
        const r = await this.http.post(`/msapi/deppkg/${sbom.type}`, {
          query: { compid: cv.id },
          rawJson: sbom.content,
          envelope: 'status',
          idempotent: true,
        });
        refused(r, `POST /msapi/deppkg/${sbom.type}`);
      }
    }
  }
}

/** ms-dep-pkg-cud can answer 2xx with `detail: "components not updated"`. */
function refused(r: Record<string, unknown> | undefined, what: string): void {
  const detail = str(r?.detail);
  if (/not updated|failed|error/i.test(detail)) throw new BackendError(`Ortelius answered ${what}: ${detail}`);
}
