/**
 * Application versions on an Ortelius server (sections 8.2 and 8.3, Backend rules 1-4):
 * the latest version (`?name=<app>&latest=Y`, creating the base app when missing) already holding the exact
 * component version is reused; otherwise the target version is reused (component swapped in) or created with
 * `newappver/<latest>` and the component swapped in by base (`replace`) or appended (`f=acd`, `f=acvm`, `f=cal`).
 * The latest version's component list comes with its lookup, so `compassigned2app` and `basecomponent`
 * (which the reference calls) are not needed.
 */
import type { ApplicationVersionSpec } from '../backend.js';
import type { ApplicationVersion, Put } from '../../model.js';
import { type OrteliusHttp } from './http-client.js';
import { type ServerApplication } from './server-json.js';
export declare class ApplicationFlow {
    private readonly http;
    /** Application ids by full name (base or version), learned by this instance. */
    readonly ids: Map<string, number>;
    /** Attributes read by this instance (one CLI run), kept in step with its own setvar calls. */
    private readonly attrCache;
    constructor(http: OrteliusHttp);
    get(fullName: string): Promise<ApplicationVersion | undefined>;
    /** Attributes of an application (version) by id. */
    attributes(id: number): Promise<Record<string, string>>;
    /** Merges attributes into an application (version); the server answers {} whatever happens. */
    setAttributes(id: number, attrs: Record<string, string>): Promise<void>;
    private withStage;
    list(application: string): Promise<ApplicationVersion[]>;
    /** The numeric id of an application version by full name (cached). */
    idOf(fullName: string, knownId?: string): Promise<number>;
    put(spec: ApplicationVersionSpec): Promise<Put<ApplicationVersion>>;
    /** Swaps comp in by base (`replace`) or appends it after `lastcompver`; returns the new component list. */
    private swapIn;
    private lookup;
    lookupId(id: number): Promise<ServerApplication | undefined>;
    private remember;
}
