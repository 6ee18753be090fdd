/**
 * The emulator's server-side state: domains, components (bases and versions), applications (bases and
 * versions), environments, tasks, approvals and deployments, with the naming rules of the dmadminweb server
 * (shared/ortelius-api.md sections 1, 4 and 8): full name = `<domain path>.<short>[;variant][;version]`.
 */

export interface EmuDomain {
  id: number;
  /** Full dotted path, e.g. `GLOBAL.Acme.Store`. */
  name: string;
  /** Moving an application version INTO this domain needs an approval. */
  requiresApproval: boolean;
}

export interface EmuTask {
  id: number;
  domainId: number;
  name: string;
  type: 'Move' | 'Approve' | 'Deploy';
  /** Move: the domain the application version lands in. */
  targetDomainId?: number;
}

export interface EmuComponent {
  id: number;
  /** Stored name: `short;variant;version`, `short;variant`, `short;version` or `short`. */
  name: string;
  domainId: number;
  /** 0 for a base; else the base's id. */
  parentId: number;
  predecessorId: number;
  kind: 'docker' | 'file' | '';
  attrs: Record<string, string>;
  textfiles: Record<string, string[]>;
  packages: { type: string; components: unknown[] }[];
  created: string;
}

export interface EmuAppComponent {
  compId: number;
  xpos: number;
  ypos: number;
}

export interface EmuApplication {
  id: number;
  /** Stored name: `short;version` or `short`. */
  name: string;
  /** The domain of its name (stable: lookups by full name use it). */
  domainId: number;
  /** The lifecycle domain it currently sits in (changed by Move tasks). */
  currentDomainId: number;
  parentId: number;
  predecessorId: number;
  components: EmuAppComponent[];
  links: { fn: number; tn: number }[];
  attrs: Record<string, string>;
  approvals: { approved: boolean; notes: string; at: string }[];
  created: string;
}

export interface EmuEnvironment {
  id: number;
  /** Short name, e.g. `dev`. */
  name: string;
  domainId: number;
  /** Created on first use by a short name (older emulator behaviour): exported under that short name. */
  implicit?: boolean;
}

export interface EmuDeployment {
  id: number;
  appId: number;
  environment: string;
  lines: string[];
  exitcode: number;
  startedAt: number;
  /** ms after start when it completes; Infinity = never. */
  durationMs: number;
  recorded: boolean;
  compversions: string[];
}

export class EmulatorState {
  domains: EmuDomain[] = [];
  tasks: EmuTask[] = [];
  components: EmuComponent[] = [];
  applications: EmuApplication[] = [];
  environments: EmuEnvironment[] = [];
  deployments: EmuDeployment[] = [];
  /** Older server revisions name the application version in /API/log without its domain. */
  shortLogNames = false;
  /** What /msapi/sbomtype answers. */
  sbomType = 'deppkg';
  /**
   * Server generation for SBOMs: `sbomtype` (GET /msapi/sbomtype, POST /msapi/package for "fullfile", deppkg
   * otherwise) or `deppkg` (older servers: no /msapi/sbomtype nor /msapi/package, HTTP 404; only deppkg).
   */
  sbomApi: 'sbomtype' | 'deppkg' = 'sbomtype';
  /** Lines of every server-side deployment's log (default: five short lines naming the application). */
  deployLog?: (appName: string, env: string) => string[];
  private nextId = 100;

  constructor(private readonly clock: () => number = Date.now) {
    this.ensureDomain('GLOBAL');
  }

  newId(): number {
    return this.nextId++;
  }

  nowIso(): string {
    return new Date(this.clock()).toISOString();
  }

  now(): number {
    return this.clock();
  }

  // --- domains and tasks ----------------------------------------------------------------------------

  /** Finds a domain by full path, or by a unique last segment. */
  findDomain(nameOrId: string): EmuDomain | undefined {
    if (/^\d+$/.test(nameOrId)) return this.domains.find((d) => d.id === Number(nameOrId));
    const exact = this.domains.find((d) => d.name === nameOrId);
    if (exact) return exact;
    const bySegment = this.domains.filter((d) => d.name.split('.').pop() === nameOrId);
    return bySegment.length === 1 ? bySegment[0] : undefined;
  }

  /** Creates every missing domain along a dotted path (as the server does for new objects). */
  ensureDomain(path: string): EmuDomain {
    const existing = this.domains.find((d) => d.name === path);
    if (existing) return existing;
    const i = path.lastIndexOf('.');
    if (i > 0) this.ensureDomain(path.slice(0, i));
    const d: EmuDomain = { id: this.newId(), name: path, requiresApproval: false };
    this.domains.push(d);
    return d;
  }

  domainName(id: number): string {
    return this.domains.find((d) => d.id === id)?.name ?? '';
  }

  addTask(domain: string, name: string, type: EmuTask['type'], target?: string): EmuTask {
    const d = this.findDomain(domain) ?? this.ensureDomain(domain);
    const t: EmuTask = { id: this.newId(), domainId: d.id, name, type };
    if (target) t.targetDomainId = (this.findDomain(target) ?? this.ensureDomain(target)).id;
    this.tasks.push(t);
    return t;
  }

  /**
   * Lifecycle domains with "Move to <next>" tasks (any stage to any later stage) and an "Approve" task in
   * each: the shape of shiplog's default pipeline (dev -> qa -> prod, prod gated).
   */
  defineStages(stages: { name: string; domain?: string; requiresApproval?: boolean; task?: string }[]): void {
    const ds = stages.map((s) => {
      const d = this.findDomain(s.domain ?? s.name) ?? this.ensureDomain(s.domain ?? s.name);
      d.requiresApproval = s.requiresApproval ?? false;
      return { d, task: s.task ?? `Move to ${s.name}` };
    });
    for (let i = 0; i < ds.length; i++) {
      for (let j = 0; j < ds.length; j++) {
        if (i !== j) this.addTask(ds[i].d.name, ds[j].task, 'Move', ds[j].d.name);
      }
      this.addTask(ds[i].d.name, 'Approve', 'Approve');
      this.addTask(ds[i].d.name, 'Deploy', 'Deploy');
    }
  }

  // --- names --------------------------------------------------------------------------------------

  /** `GLOBAL.Acme.cart;main;v1` -> domain `GLOBAL.Acme`, stored name `cart;main;v1`. */
  static splitFullName(full: string): { domain: string; name: string } | undefined {
    const semi = full.indexOf(';');
    const dotted = semi < 0 ? full : full.slice(0, semi);
    const rest = semi < 0 ? '' : full.slice(semi);
    const i = dotted.lastIndexOf('.');
    if (i <= 0) return undefined;
    return { domain: dotted.slice(0, i), name: dotted.slice(i + 1) + rest };
  }

  // --- components ---------------------------------------------------------------------------------

  component(id: number): EmuComponent | undefined {
    return this.components.find((c) => c.id === id);
  }

  findComponent(nameOrId: string): EmuComponent | undefined {
    if (/^\d+$/.test(nameOrId)) return this.component(Number(nameOrId));
    const parts = EmulatorState.splitFullName(nameOrId);
    if (!parts) return undefined;
    const d = this.domains.find((x) => x.name === parts.domain);
    if (!d) return undefined;
    return this.components.find((c) => c.domainId === d.id && c.name === parts.name);
  }

  componentFullName(c: EmuComponent): string {
    return `${this.domainName(c.domainId)}.${c.name}`;
  }

  baseOf(c: EmuComponent): EmuComponent {
    return c.parentId ? (this.component(c.parentId) ?? c) : c;
  }

  versionsOf(base: EmuComponent): EmuComponent[] {
    return this.components.filter((c) => c.parentId === base.id);
  }

  /** The newest version under c's base (c itself when it is a base without versions). */
  latestComponent(c: EmuComponent): EmuComponent {
    if (c.parentId) return c;
    const vs = this.versionsOf(c);
    return vs.length ? vs[vs.length - 1] : c;
  }

  createComponent(domain: string, name: string, parent?: EmuComponent): EmuComponent {
    const d = this.ensureDomain(domain);
    const c: EmuComponent = {
      id: this.newId(),
      name,
      domainId: d.id,
      parentId: parent ? this.baseOf(parent).id : 0,
      predecessorId: parent ? parent.id : 0,
      kind: '',
      attrs: {},
      textfiles: {},
      packages: [],
      created: this.nowIso(),
    };
    this.components.push(c);
    return c;
  }

  // --- applications -------------------------------------------------------------------------------

  application(id: number): EmuApplication | undefined {
    return this.applications.find((a) => a.id === id);
  }

  findApplication(nameOrId: string): EmuApplication | undefined {
    if (/^\d+$/.test(nameOrId)) return this.application(Number(nameOrId));
    const parts = EmulatorState.splitFullName(nameOrId);
    if (!parts) {
      // A name without its domain resolves when it is unique.
      const all = this.applications.filter((a) => a.name === nameOrId);
      return all.length === 1 ? all[0] : undefined;
    }
    const d = this.domains.find((x) => x.name === parts.domain);
    if (!d) return undefined;
    return this.applications.find((a) => a.domainId === d.id && a.name === parts.name);
  }

  applicationFullName(a: EmuApplication): string {
    return `${this.domainName(a.domainId)}.${a.name}`;
  }

  appBaseOf(a: EmuApplication): EmuApplication {
    return a.parentId ? (this.application(a.parentId) ?? a) : a;
  }

  appVersionsOf(base: EmuApplication): EmuApplication[] {
    return this.applications.filter((a) => a.parentId === base.id);
  }

  latestApplication(a: EmuApplication): EmuApplication {
    const base = this.appBaseOf(a);
    const vs = this.appVersionsOf(base);
    return vs.length ? vs[vs.length - 1] : base;
  }

  createApplication(domain: string, name: string, from?: EmuApplication): EmuApplication {
    const d = this.ensureDomain(domain);
    const a: EmuApplication = {
      id: this.newId(),
      name,
      domainId: d.id,
      currentDomainId: from ? from.currentDomainId : d.id,
      parentId: from ? this.appBaseOf(from).id : 0,
      predecessorId: from ? from.id : 0,
      components: from ? from.components.map((c) => ({ ...c })) : [],
      links: from ? from.links.map((l) => ({ ...l })) : [],
      attrs: {},
      approvals: [],
      created: this.nowIso(),
    };
    this.applications.push(a);
    return a;
  }

  /** The last component of the application's chain (the `lastcompver` field), 0 when empty. */
  lastCompVer(a: EmuApplication): number {
    return a.components.length ? a.components[a.components.length - 1].compId : 0;
  }

  // --- deployments --------------------------------------------------------------------------------

  nextDeploymentId(): number {
    return this.deployments.reduce((m, d) => Math.max(m, d.id), 0) + 1;
  }

  isComplete(d: EmuDeployment): boolean {
    return this.now() - d.startedAt >= d.durationMs;
  }

  /** Lines visible so far: they appear evenly over the deployment's duration. */
  visibleLines(d: EmuDeployment): string[] {
    if (this.isComplete(d)) return d.lines;
    if (!Number.isFinite(d.durationMs)) return d.lines.slice(0, 1);
    const frac = (this.now() - d.startedAt) / d.durationMs;
    return d.lines.slice(0, Math.floor(frac * d.lines.length));
  }

  /**
   * The application version (under `baseId`) whose successful deployment to `env` completed last
   * (ties: the higher deployment id). Computed from the deployments, so reading a log never changes it.
   */
  lastSuccessful(env: string, baseId: number): EmuApplication | undefined {
    let best: { d: EmuDeployment; at: number } | undefined;
    for (const d of this.deployments) {
      if (d.environment !== env || d.exitcode !== 0 || !this.isComplete(d)) continue;
      const app = this.application(d.appId);
      if (!app || this.appBaseOf(app).id !== baseId) continue;
      const at = d.startedAt + d.durationMs;
      if (!best || at > best.at || (at === best.at && d.id > best.d.id)) best = { d, at };
    }
    return best ? this.application(best.d.appId) : undefined;
  }

  /**
   * Finds an environment by id, full name (`GLOBAL.Acme.Store.dev`) or short name when that is unique among
   * the accessible environments (the server's getObjectByName).
   */
  findEnvironment(nameOrId: string): EmuEnvironment | undefined {
    if (/^\d+$/.test(nameOrId)) return this.environments.find((e) => e.id === Number(nameOrId));
    const exact = this.environments.find((e) => this.environmentFullName(e) === nameOrId);
    if (exact) return exact;
    const short = this.environments.filter((e) => e.name === nameOrId);
    return short.length === 1 ? short[0] : undefined;
  }

  environmentFullName(e: EmuEnvironment): string {
    return `${this.domainName(e.domainId)}.${e.name}`;
  }

  /** An environment by full name (its domain created as needed) or short name (in GLOBAL), created on first use. */
  ensureEnvironment(name: string): EmuEnvironment {
    const found = this.findEnvironment(name);
    if (found) return found;
    const i = name.lastIndexOf('.');
    const domain = i > 0 ? this.ensureDomain(name.slice(0, i)) : this.ensureDomain('GLOBAL');
    const e: EmuEnvironment = {
      id: this.newId(),
      name: i > 0 ? name.slice(i + 1) : name,
      domainId: domain.id,
      ...(i > 0 ? {} : { implicit: true }),
    };
    this.environments.push(e);
    return e;
  }

  /**
   * Everything a client could have changed, without wall-clock times: two runs that did the same things
   * give identical dumps (lost-response and re-run tests compare them).
   */
  dump(): unknown {
    return {
      domains: this.domains.map((d) => ({ ...d })),
      environments: this.environments.map((e) => ({ ...e })),
      components: this.components.map(({ created: _c, ...rest }) => rest),
      applications: this.applications.map(({ created: _c, approvals, ...rest }) => ({
        ...rest,
        approvals: approvals.map(({ at: _a, ...a }) => a),
      })),
      deployments: this.deployments.map(({ startedAt: _s, ...rest }) => rest),
    };
  }
}
