// Shared runner behind the shiplog* steps (vars/shiplog<Operation>.groovy, generated) and the queries:
//   def s = shiplogCli(operation: 'status')            // or 'history', 'diff', 'graph', ...
// Named arguments become CLI flags and credentials bindings by resources/shiplog/inputs.json; every value reaches
// the bundled CLI through environment variables of a constant script, secrets only inside withCredentials. What a
// result says (description line, failure message) is the core's report (resources/shiplog/report.mjs).
import groovy.transform.Field

@Field static final String BIN_DIR = '.shiplog-bin'

def call(Map args = [:]) {
    // [:] + putAll, not new LinkedHashMap(args): that constructor is not on script-security's generic whitelist,
    // so a sandboxed (folder-level) library would wait for a script approval
    Map rest = [:]
    rest.putAll(args)
    return runStep(rest.remove('operation') as String, 'shiplogCli', args, rest)
}

/** Entry point of the per-operation steps. */
def runOperation(String operation, String step, Map args) {
    return runStep(operation, step, args, args)
}

/**
 * Checks the named arguments against inputs.json (a query's `operation` is shiplogCli's own) and runs the CLI.
 * platformGate + gateMessage (shiplogApprove): an `input` step runs first and its submitter is recorded as the
 * approver (docs/policy.md, "Platform gates"); aborting the input aborts the build before anything is stored.
 */
private def runStep(String operation, String step, Map args, Map rest) {
    // returnPojo (every readJSON here): plain Map/List, JSON null as null (json-lib's JSONNull is truthy)
    def manifest = readJSON(text: libraryResource('shiplog/inputs.json'), returnPojo: true)
    refuseSecretArgs(step, manifest, args)
    boolean query = step == 'shiplogCli'
    def spec = query ? (manifest.queries as Map)[operation] : manifest.steps[step]
    if (spec == null) {
        error(query ? "shiplogCli: operation must be one of ${(manifest.queries as Map).keySet().join(', ')} (use the shiplog* steps for the others)" : "${step}: unknown shiplog step")
    }
    List<String> flags = tableFlags(query ? "shiplogCli(operation: '${operation}')" : step, spec, args, query ? ['operation'] : [])
    List<String> envs = []
    if (args.platformGate && args.gateMessage) {
        Map ask = [message: args.gateMessage as String, ok: 'Approve', submitterParameter: 'shiplogSubmitter']
        if (args.gateSubmitters) {
            ask.submitter = args.gateSubmitters as String
        }
        // With submitterParameter as its only parameter, input returns the submitter's user id.
        envs << "SHIPLOG_INPUT_SUBMITTER=${input(ask) as String}".toString()
    }
    return runShiplog(operation, rest, flags, spec.args as List, envs)
}

private void refuseSecretArgs(String step, def manifest, Map args) {
    List<String> given = (manifest.secretArgs as List).collect { it as String }.findAll { args.containsKey(it) }
    if (given) {
        error("${step}: pass secrets through credentialsId or storeCredentialsId (withCredentials), never as an argument (refused: ${given.join(', ')})")
    }
}

/** Named arguments -> CLI flags by the generated input table; anything not accepted fails before the CLI runs. */
private List<String> tableFlags(String step, def spec, Map args, List<String> own) {
    List inputs = spec.inputs as List
    List<String> accepted = own + inputs.collect { it.arg as String } + (spec.args as List).collect { it.arg as String }
    List<String> unknown = args.keySet().findAll { !(it in accepted) }.collect { it as String }
    if (unknown) {
        error("${step}: unknown argument(s) ${unknown.join(', ')}; accepted: ${accepted.join(', ')}")
    }
    List<String> flags = []
    for (def input : inputs) {
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

/** withCredentials bindings for the credentials ids given (credentialsId, storeCredentialsId, ...), per inputs.json. */
private List bindings(Map args, List jenkinsArgs, String except) {
    List out = []
    for (def a : jenkinsArgs) {
        if (a.binds == null || a.arg == except || !args[a.arg]) {
            continue
        }
        String id = args[a.arg] as String
        if (a.binds.kind == 'sshUserPrivateKey') {
            out << sshUserPrivateKey(credentialsId: id, keyFileVariable: a.binds.keyFileVariable as String)
        } else {
            out << usernamePassword(credentialsId: id, usernameVariable: a.binds.usernameVariable as String,
                                    passwordVariable: a.binds.passwordVariable as String)
        }
    }
    return out
}

/** Runs the CLI with the flags; `envs`: more environment for it (the gate's submitter). */
private def runShiplog(String operation, Map args, List<String> flags, List jenkinsArgs, List<String> envs) {
    String node = (args.nodeBinary ?: 'node') as String
    writeFile(file: "${BIN_DIR}/shiplog.mjs", text: libraryResource('shiplog/shiplog.mjs'))
    writeFile(file: "${BIN_DIR}/report.mjs", text: libraryResource('shiplog/report.mjs'))
    String result = "${BIN_DIR}/result-${operation}-${System.currentTimeMillis()}.json"

    if (operation == 'deploy' && args.jenkinsCredentialsId && args.containsKey('exitCode')) {
        flags.addAll(jenkinsFacts(args, node))
    }

    envs.addAll(["SHIPLOG_NODE=${node}", "SHIPLOG_BIN_DIR=${BIN_DIR}", "SHIPLOG_OPERATION=${operation}",
                 "SHIPLOG_RESULT=${result}"].collect { it.toString() })
    StringBuilder script = new StringBuilder('set +x\n')
    // A git+ssh store with storeSshCredentialsId: git uses the bound key (its path, not the key, is in the env).
    script.append('[ -z "${SHIPLOG_STORE_SSH_KEY:-}" ] || export GIT_SSH_COMMAND="ssh -i \\"$SHIPLOG_STORE_SSH_KEY\\" -o IdentitiesOnly=yes"\n')
    script.append('"$SHIPLOG_NODE" "$SHIPLOG_BIN_DIR/shiplog.mjs" "$SHIPLOG_OPERATION" --json')
    for (int i = 0; i < flags.size(); i++) {
        envs << "SHIPLOG_A${i}=${flags[i]}".toString()
        script.append(" \"\$SHIPLOG_A${i}\"")
    }
    script.append(' > "$SHIPLOG_RESULT"\n')

    int status = 0
    String line = ''
    withEnv(envs) {
        List creds = bindings(args, jenkinsArgs, 'jenkinsCredentialsId')
        if (creds) {
            withCredentials(creds) {
                status = sh(script: script.toString(), returnStatus: true) as int
            }
        } else {
            status = sh(script: script.toString(), returnStatus: true) as int
        }
        withEnv(["SHIPLOG_EXIT=${status}".toString()]) {
            line = sh(script: 'set +x\n"$SHIPLOG_NODE" "$SHIPLOG_BIN_DIR/report.mjs" --result "$SHIPLOG_RESULT" --operation "$SHIPLOG_OPERATION" --exit "$SHIPLOG_EXIT"',
                      returnStdout: true) as String
        }
    }

    Map parsed = readResult(result, status)
    archiveArtifacts(artifacts: result, allowEmptyArchive: true, fingerprint: false)
    publishDashboard(parsed.report instanceof Map ? parsed.report as Map : [:])
    // report.mjs: the description line, then for a failure the message (a refused gate: every unmet rule; a plan
    // with changes: its summary line); without report.mjs's answer, the result's own message
    String[] lines = (line ?: '').trim().split('\n')
    appendDescription(lines[0].trim())
    if (status != 0 && args.failOnError != false) {
        String message = lines.length > 1 && lines[1].trim() ? lines[1].trim() : (parsed.error?.message ?: "exit ${status}")
        error("shiplog ${operation} failed (exit ${status}): ${message}")
    }
    return parsed
}

/**
 * report: true: the release dashboard the core wrote (result.report.html.path, in the workspace) is archived, and
 * shown as a build report by the HTML Publisher plugin when it is installed (a missing step is only skipped).
 */
private void publishDashboard(Map report) {
    String page = (report.html instanceof Map) ? (report.html.path as String) : null
    if (!page) {
        if (report.error) {
            echo("shiplog: the release dashboard was not written: ${report.error}")
        }
        return
    }
    archiveArtifacts(artifacts: page, allowEmptyArchive: true, fingerprint: false)
    try {
        publishHTML(target: [reportName: 'shiplog release dashboard', reportDir: '.', reportFiles: page,
                             keepAll: true, alwaysLinkToLastBuild: true, allowMissing: true])
    } catch (NoSuchMethodError | MissingMethodException ignored) {
        // Jenkins: "No such DSL method publishHTML" (NoSuchMethodError); plain Groovy: MissingMethodException
        echo('shiplog: release dashboard archived as an artifact (install the HTML Publisher plugin to show it as a build report)')
    }
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
    def facts = out?.trim() ? readJSON(text: out.trim(), returnPojo: true) : [ok: false, warning: 'Jenkins API helper printed nothing']
    if (!facts.ok) {
        echo("shiplog: ${facts.warning}")
        return []
    }
    List<String> flags = []
    if (!args.logFile && facts.logFile) {
        flags << "--log-file=${facts.logFile}".toString()
    }
    for (def e : ((facts.attributes ?: [:]) as Map).entrySet()) {
        flags << "--attr=${e.key}=${e.value}".toString()
    }
    return flags
}

/** The CLI's JSON result (already redacted by the core), or a NO_RESULT failure when it printed none. */
private Map readResult(String file, int status) {
    try {
        def parsed = readJSON(file: file, returnPojo: true)
        if (parsed instanceof Map) {
            return parsed as Map
        }
    } catch (ignored) {
        // no file, or not JSON: reported as no result below
    }
    return [ok: false, schemaVersion: 1, error: [code: 'NO_RESULT', message: "shiplog printed no JSON result (exit ${status})".toString(), exitCode: status]]
}

/** The build description is HTML: the core's plain-text line, escaped. */
private void appendDescription(String line) {
    String safe = line.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
    String current = currentBuild.description ?: ''
    currentBuild.description = current ? "${current}<br>${safe}".toString() : safe
}
