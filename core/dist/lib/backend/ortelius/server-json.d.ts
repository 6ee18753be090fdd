/**
 * The server's JSON objects (section 4 rows 2, 10, 16, 27) mapped onto the model, and the paths used.
 * Stored names: components `short;variant;version` / `short;version`, applications `short;version`;
 * the full name is `domain + "." + name`.
 */
import type { ApplicationVersion, ComponentKind, ComponentVersion, Deployment } from '../../model.js';
export type Json = Record<string, unknown>;
export declare const API = "/dmadminweb/API";
export declare const UI = "/dmadminweb";
export interface ServerRef {
    id: number;
    name: string;
    domain?: string;
}
export interface ServerAppComponent extends ServerRef {
    xpos: number;
    ypos: number;
}
/** An application object as `GET /API/application` answers it (not idonly). */
export interface ServerApplication {
    id: number;
    name: string;
    domain: string;
    components: ServerAppComponent[];
    lastcompver: number;
    versions?: ServerRef[];
    predecessor?: ServerRef;
    created?: string;
}
export declare function num(v: unknown): number;
export declare function str(v: unknown): string;
export declare function resultOf(r: Json | undefined): Json;
export declare function refOf(v: unknown): ServerRef | undefined;
/** `attributes: [{"k":"v"}, ...]` -> a flat record. */
export declare function attributesOf(r: Json | undefined): Record<string, string>;
export declare function applicationOf(result: Json): ServerApplication;
export declare function componentFullName(c: {
    name: string;
    domain?: string;
}, fallbackDomain?: string): string;
/** Full application version name, or undefined for a base application (no `;version`). */
export declare function toApplicationVersion(app: ServerApplication): ApplicationVersion | undefined;
/** A component version from `GET /API/component` (full) plus its getvar attributes. */
export declare function toComponentVersion(result: Json, attributes: Record<string, string>, kindHint?: ComponentKind): ComponentVersion;
/** `GET /API/log/<id>` -> Deployment (mode server). */
export declare function toDeployment(id: number, log: Json, components: string[]): Deployment;
/** MIME base64 (76 characters per line), as the reference uploads text files (section 4 row 12). */
export declare function mimeBase64Lines(content: string): string[];
