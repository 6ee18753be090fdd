// Shared runner behind the shiplog* steps; also usable directly for the queries:
//   def s = shiplogCli(operation: 'status')            // or 'history', 'diff', 'graph'
// It maps named arguments to CLI flags using resources/shiplog/inputs.json (generated from the core's input
// table), writes the bundled CLI into the workspace and runs it with node. Every value reaches the CLI through
// environment variables referenced by a constant, single-quoted script: nothing is interpolated into shell
// text, and the Ortelius password only ever lives in the withCredentials scope.
import groovy.transform.Field

@Field static final String BIN_DIR = '.shiplog-bin'
@Field static final List<String> JENKINS_ARGS = ['credentialsId', 'jenkinsCredentialsId', 'failOnError', 'nodeBinary']
@Field static final List<String> QUERIES = ['status', 'history', 'diff', 'graph']

def call(Map args = [:]) {
    Map rest = new LinkedHashMap(args)
    String operation = rest.remove('operation')
    if (!(operation in QUERIES)) {
        error("shiplogCli: operation must be one of ${QUERIES.join(', ')} (use the shiplog* steps for the others)")
    }
    return runShiplog(operation, 'shiplogCli', rest, queryFlags(operation, rest))
}

/** Entry point of the per-operation steps. */
def runOperation(String operation, String step, Map args) {
    def manifest = readJSON(text: libraryResource('shiplog/inputs.json'))
    def spec = manifest.steps[step]
    if (spec == null) {
        error("${step}: unknown shiplog step")
    }
    List<String> flags = operationFlags(step, spec.inputs as List, args)
    return runShiplog(operation, step, args, flags)
}

private List<String> operationFlags(String step, List inputs, Map args) {
    if (args.containsKey('dhpass') || args.containsKey('password')) {
        error("${step}: pass the Ortelius password through credentialsId (withCredentials), never as an argument")
    }
    List<String> known = inputs.collect { it.arg as String } + JENKINS_ARGS
    List<String> unknown = args.keySet().findAll { !(it in known) }.collect { it as String }
    if (unknown) {
        error("${step}: unknown argument(s) ${unknown.join(', ')}; see the step help (${step}.txt)")
    }
    List<String> flags = []
    for (def input : inputs) {
        if (!args.containsKey(input.arg)) {
            continue
        }
        def value = args[input.arg]
        if (value == null) {
            continue
        }
        List values = (input.type == 'list' && value instanceof List) ? (value as List) : [value]
        for (def v : values) {
            flags << "--${input.flag}=${v}".toString()
        }
    }
    return flags
}

private List<String> queryFlags(String operation, Map args) {
    List<String> flags = []
    for (def e : args.entrySet()) {
        if (e.key in JENKINS_ARGS || e.value == null) {
            continue
        }
        String flag = (e.key as String).replaceAll(/([A-Z])/) { all, c -> '-' + c.toLowerCase() }
        flags << "--${flag}=${e.value}".toString()
    }
    return flags
}

private def runShiplog(String operation, String step, Map args, List<String> flags) {
    String node = (args.nodeBinary ?: 'node') as String
    writeFile(file: "${BIN_DIR}/shiplog.mjs", text: libraryResource('shiplog/shiplog.mjs'))
    String result = "${BIN_DIR}/result-${operation}-${System.currentTimeMillis()}.json"

    if (operation == 'deploy' && args.jenkinsCredentialsId && args.containsKey('exitCode')) {
        flags.addAll(jenkinsFacts(args, node))
    }

    List<String> envs = ["SHIPLOG_NODE=${node}", "SHIPLOG_BIN_DIR=${BIN_DIR}", "SHIPLOG_OPERATION=${operation}",
                         "SHIPLOG_RESULT=${result}"].collect { it.toString() }
    StringBuilder script = new StringBuilder('set +x\n"$SHIPLOG_NODE" "$SHIPLOG_BIN_DIR/shiplog.mjs" "$SHIPLOG_OPERATION" --json')
    for (int i = 0; i < flags.size(); i++) {
        envs << "SHIPLOG_A${i}=${flags[i]}".toString()
        script.append(" \"\$SHIPLOG_A${i}\"")
    }
    script.append(' > "$SHIPLOG_RESULT"\n')

    int status = 0
    withEnv(envs) {
        if (args.credentialsId) {
            withCredentials([usernamePassword(credentialsId: args.credentialsId as String,
                                              usernameVariable: 'DHUSER', passwordVariable: 'DHPASS')]) {
                status = sh(script: script.toString(), returnStatus: true) as int
            }
        } else {
            status = sh(script: script.toString(), returnStatus: true) as int
        }
    }

    Map parsed = readResult(result, status)
    archiveArtifacts(artifacts: result, allowEmptyArchive: true, fingerprint: false)
    appendDescription(describe(operation, parsed))
    if (status != 0 && args.failOnError != false) {
        String message = parsed.error?.message ?: "exit ${status}"
        error("shiplog ${operation} failed (exit ${status}): ${message}")
    }
    return parsed
}

/** Console log, causes and change sets of this build from the Jenkins API (shiplogDeploy, record-only). */
private List<String> jenkinsFacts(Map args, String node) {
    String out = ''
    writeFile(file: "${BIN_DIR}/jenkins-context.mjs", text: libraryResource('shiplog/jenkins-context.mjs'))
    withEnv(["SHIPLOG_NODE=${node}".toString(), "SHIPLOG_BIN_DIR=${BIN_DIR}".toString()]) {
        withCredentials([usernamePassword(credentialsId: args.jenkinsCredentialsId as String,
                                          usernameVariable: 'SHIPLOG_JENKINS_USER', passwordVariable: 'SHIPLOG_JENKINS_TOKEN')]) {
            out = sh(script: 'set +x\n"$SHIPLOG_NODE" "$SHIPLOG_BIN_DIR/jenkins-context.mjs" --out "$SHIPLOG_BIN_DIR/jenkins"',
                     returnStdout: true) as String
        }
    }
    def facts = out?.trim() ? readJSON(text: out.trim()) : [ok: false, warning: 'Jenkins API helper printed nothing']
    if (!facts.ok) {
        echo("shiplog: ${facts.warning}")
        return []
    }
    List<String> flags = []
    if (!args.logFile && facts.logFile) {
        flags << "--log-file=${facts.logFile}".toString()
    }
    for (def e : (facts.attributes as Map).entrySet()) {
        flags << "--attr=${e.key}=${e.value}".toString()
    }
    return flags
}

private Map readResult(String file, int status) {
    String text = ''
    try {
        text = readFile(file: file)
    } catch (ignored) {
        text = ''
    }
    if (text?.trim()) {
        try {
            return readJSON(text: text.trim()) as Map
        } catch (ignored) {
            // fall through
        }
    }
    return [ok: false, error: [code: 'NO_RESULT', message: "shiplog printed no JSON result (exit ${status})".toString(), exitCode: status]]
}

private String describe(String operation, Map r) {
    if (!r.ok) {
        if (operation == 'deploy' && r.deployment) {
            return "shiplog deploy: ${r.deployment.appVersion} to ${r.deployment.environment} FAILED (#${r.deployment.id})"
        }
        return "shiplog ${operation} failed: ${r.error?.message ?: 'unknown error'}"
    }
    switch (operation) {
        case 'version-update':
            return "shiplog: ${r.componentVersion?.name}" + (r.appVersion ? " in ${r.appVersion.name}" : '')
        case 'deploy':
            return "shiplog deploy: ${r.deployment?.appVersion} to ${r.deployment?.environment} ${r.deployment?.status} (#${r.deployment?.id})"
        case 'approve':
            return "shiplog: ${r.approved ? 'approved' : 'rejected'} ${r.appVersion}" + (r.stage ? " for ${r.stage}" : '')
        case 'move':
            return "shiplog: moved ${r.appVersion} ${r.from} -> ${r.to}"
        case 'envscript':
            return "shiplog envscript: ${(r.variables as Map)?.size() ?: 0} variables" + (r.file ? " in ${r.file}" : '')
        default:
            return "shiplog ${operation}: ok"
    }
}

private void appendDescription(String line) {
    String safe = line.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    String current = currentBuild.description ?: ''
    currentBuild.description = current ? "${current}<br>${safe}".toString() : safe
}
