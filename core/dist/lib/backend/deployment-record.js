export function deploymentFromSpec(spec, opts) {
    const av = opts.appVersion ?? spec.appVersion;
    return {
        id: opts.id,
        appVersion: opts.appVersionName ?? av.name,
        application: av.application,
        environment: spec.environment,
        componentVersions: [...av.components],
        exitCode: spec.exitCode,
        status: spec.exitCode === 0 ? 'success' : 'failed',
        startedAt: spec.startedAt,
        finishedAt: spec.finishedAt,
        log: opts.log ?? [...spec.log],
        ...(spec.logUrl ? { logUrl: spec.logUrl } : {}),
        mode: spec.mode,
        ...(spec.attributes ? { attributes: { ...spec.attributes } } : {}),
        provenance: { ...spec.provenance },
    };
}
