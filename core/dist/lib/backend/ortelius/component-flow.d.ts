/**
 * Component versions on an Ortelius server (section 5.2 steps 2-8, without the reference's repeated lookups):
 * 1. `GET component ?name=<full version>`: found -> reuse (no create, no rename, no item rewrite);
 * 2. else the base's latest (`?name=<base>&latest=Y&idonly=Y`), creating the base (`new/compver/?name=`)
 *    when missing; `new/compver/<latest>`, rename (UpdateSummaryData), item (UpdateAttrs f=inv);
 * 3. attributes merged with POST setvar (no delattrs), only the keys whose value differs;
 * 4. readme/license/swagger to /msapi/textfile, SBOMs to /msapi/deppkg (or /msapi/package for "fullfile").
 */
import type { ComponentVersionSpec } from '../backend.js';
import type { ComponentVersion, Put } from '../../model.js';
import { type OrteliusHttp } from './http-client.js';
export declare class ComponentFlow {
    private readonly http;
    private sbomType;
    /** Component versions read or written by this instance, by full name. */
    private readonly byName;
    constructor(http: OrteliusHttp);
    get(fullName: string): Promise<ComponentVersion | undefined>;
    /** The newest version under a base (`latest=Y`), with its attributes: 2 calls whatever the history. */
    latest(base: string): Promise<ComponentVersion | undefined>;
    /** Every version under a base, oldest first, each with its attributes (GitCommit included). */
    list(base: string): Promise<ComponentVersion[]>;
    put(spec: ComponentVersionSpec): Promise<Put<ComponentVersion>>;
    private complete;
    private attributes;
    private uploadFiles;
    private uploadSboms;
}
