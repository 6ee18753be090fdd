/** Shared fixtures for the ortelius backend tests: a backend opened against an emulator, spec builders. */
import type { ApplicationVersionSpec, ComponentVersionSpec } from '../../src/backend/backend.js';
import { openOrteliusBackend, type OrteliusBackend, type OrteliusOptions } from '../../src/backend/ortelius/index.js';
import { createMemoryHost } from '../../src/host.js';
import type { ComponentVersion } from '../../src/model.js';
import { DEFAULT_PASSWORD, DEFAULT_USER, type OrteliusEmulator } from './index.js';

export const AT = '2026-01-02T03:04:05.000Z';
export const CI = { provider: 'local', isCi: false } as const;

export async function openAgainst(
  emu: OrteliusEmulator,
  opts: Partial<OrteliusOptions> = {},
): Promise<{ backend: OrteliusBackend; host: ReturnType<typeof createMemoryHost> }> {
  const host = createMemoryHost({ debug: true });
  const backend = await openOrteliusBackend(host, {
    url: emu.url,
    user: DEFAULT_USER,
    password: DEFAULT_PASSWORD,
    retryBaseMs: 5,
    retryMaxMs: 20,
    poll: { initialMs: 20, maxMs: 50 },
    ...opts,
  });
  return { backend, host };
}

export function componentSpec(over: Partial<ComponentVersionSpec> = {}): ComponentVersionSpec {
  return {
    domain: 'GLOBAL.Acme.Store',
    short: 'cart',
    variant: 'main',
    version: 'v1_2_0_g61ba0ab',
    kind: 'docker',
    attributes: { GitCommit: '61ba0ab', DockerTag: 'main-v1.2.0' },
    provenance: CI,
    at: AT,
    ...over,
  };
}

export function appSpec(component: ComponentVersion, over: Partial<ApplicationVersionSpec> = {}): ApplicationVersionSpec {
  return {
    application: 'GLOBAL.Acme.Store.shop',
    version: '1_0_0',
    autoIncrement: false,
    component,
    initialStage: 'dev',
    provenance: CI,
    at: AT,
    ...over,
  };
}
