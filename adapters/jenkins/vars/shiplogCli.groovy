// Shared runner behind the shiplog* steps; also usable directly for the queries:
//   def s = shiplogCli(operation: 'status')            // or 'history', 'diff', 'graph'
// It maps named arguments to CLI flags using resources/shiplog/inputs.json (generated from the core's input
// table), writes the bundled CLI into the workspace and runs it with node. Every value reaches the CLI through
// environment variables referenced by a constant, single-quoted script: nothing is interpolated into shell
// text, and the Ortelius password only ever lives in the withCredentials scope.
import groovy.json.JsonOutput
import com.cloudbees.groovy.cps.NonCPS
import groovy.transform.Field

@Field static final String BIN_DIR = '.shiplog-bin'
@Field static final List<String> JENKINS_ARGS = ['credentialsId', 'jenkinsCredentialsId', 'failOnError', 'nodeBinary']
@Field static final List<String> QUERIES = ['status', 'history', 'diff', 'graph']

def call(Map args = [:]) {
    Map rest = new LinkedHashMap(args)
    String operation = rest.remove('operation')
    def manifest = readJSON(text: libraryResource('shiplog/inputs.json'))
    List<String> secrets = secretValues(manifest, args)
    refuseSecretArgs('shiplogCli', manifest, args, secrets)
    if (!(operation in QUERIES)) {
        error("shiplogCli: operation must be one of ${QUERIES.join(', ')} (use the shiplog* steps for the others)")
    }
    def spec = manifest.queries[operation]
    List<String> accepted = ['operation'] + (spec.inputs as List).collect { it.arg as String } + (JENKINS_ARGS - 'jenkinsCredentialsId')
    List<String> flags = tableFlags("shiplogCli(operation: '${operation}')", spec.inputs as List, args, accepted, secrets)
    return runShiplog(operation, 'shiplogCli', rest, flags, secrets)
}

/** Entry point of the per-operation steps. */
def runOperation(String operation, String step, Map args) {
    def manifest = readJSON(text: libraryResource('shiplog/inputs.json'))
    List<String> secrets = secretValues(manifest, args)
    refuseSecretArgs(step, manifest, args, secrets)
    def spec = manifest.steps[step]
    if (spec == null) {
        error("${step}: unknown shiplog step")
    }
    List<String> accepted = (spec.inputs as List).collect { it.arg as String } + JENKINS_ARGS
    List<String> flags = tableFlags(step, spec.inputs as List, args, accepted, secrets)
    return runShiplog(operation, step, args, flags, secrets)
}

/**
 * Values the user passed for a secret input (refused below, but registered first): defense in depth, so that
 * nothing the step writes (failure message, build description, archived result) can carry one.
 */
private List<String> secretValues(def manifest, Map args) {
    List<String> values = []
    for (def name : (manifest.secretArgs as List)) {
        def v = args[name as String]
        if (v != null) {
            values << String.valueOf(v)
        }
    }
    return values
}

private void refuseSecretArgs(String step, def manifest, Map args, List<String> secrets) {
    List<String> given = (manifest.secretArgs as List).collect { it as String }.findAll { args.containsKey(it) }
    if (given) {
        error(mask("${step}: pass the Ortelius password through credentialsId (withCredentials), never as an argument (refused: ${given.join(', ')})", secrets))
    }
}

/** Named arguments -> CLI flags by the generated input table; anything not accepted fails before the CLI runs. */
private List<String> tableFlags(String step, List inputs, Map args, List<String> accepted, List<String> secrets) {
    List<String> unknown = args.keySet().findAll { !(it in accepted) }.collect { it as String }
    if (unknown) {
        error(mask("${step}: unknown argument(s) ${unknown.join(', ')}; accepted: ${accepted.join(', ')}", secrets))
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

private def runShiplog(String operation, String step, Map args, List<String> flags, List<String> secrets) {
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

    Map parsed = readResult(result, status, secrets)
    archiveArtifacts(artifacts: result, allowEmptyArchive: true, fingerprint: false)
    appendDescription(mask(describe(operation, parsed), secrets))
    if (status != 0 && args.failOnError != false) {
        String message = parsed.error?.message ?: "exit ${status}"
        error(mask("shiplog ${operation} failed (exit ${status}): ${message}", secrets))
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

/** The CLI's JSON result; with registered secrets, masked value by value and written back before it is archived. */
private Map readResult(String file, int status, List<String> secrets) {
    String text = ''
    try {
        text = readFile(file: file)
    } catch (ignored) {
        text = ''
    }
    Map parsed = null
    if (text?.trim()) {
        try {
            parsed = readJSON(text: text.trim()) as Map
        } catch (ignored) {
            parsed = null
        }
    }
    List<String> needles = maskForms(secrets)
    if (needles && text) {
        if (parsed != null) {
            parsed = maskValue(parsed, needles) as Map
            writeFile(file: file, text: JsonOutput.toJson(parsed) + '\n')
        } else {
            writeFile(file: file, text: maskWith(text, needles))
        }
    }
    if (parsed != null) {
        return parsed
    }
    return [ok: false, error: [code: 'NO_RESULT', message: "shiplog printed no JSON result (exit ${status})".toString(), exitCode: status]]
}

// --- masking: the core Redactor's rules (core/src/redact.ts), so a secret is masked here in the same forms as in
// everything the CLI prints: raw, JSON-escaped, URL- and form-encoded, base64 (padded, unpadded, url-safe) and
// the stable middle of its base64 inside a longer string (user:password). Values shorter than 3 are not masked.

@Field static final String MASK = '***'

/** Every form of every secret, longest first. */
@NonCPS
private List<String> maskForms(List<String> secrets) {
    Set<String> forms = new LinkedHashSet<String>()
    for (String secret : secrets) {
        if (secret == null || secret.length() < 3) {
            continue
        }
        byte[] bytes = secret.getBytes('UTF-8')
        String b64 = Base64.getEncoder().encodeToString(bytes)
        String uri = uriComponent(secret)
        forms.addAll([secret, jsonEscape(secret), uri, uri.replace('%20', '+'), b64, b64.replaceAll(/=+$/, ''),
                      Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)])
        for (int prefix : [1, 2]) {
            String enc = Base64.getEncoder().encodeToString(('x' * prefix + secret).getBytes('UTF-8'))
            String stable = enc.length() > 8 ? enc.substring(4, enc.length() - 4) : ''
            if (stable.length() >= 8) {
                forms << stable
            }
        }
    }
    return forms.findAll { it.length() >= 3 }.sort { a, b -> b.length() <=> a.length() }
}

@NonCPS
private String mask(Object text, List<String> secrets) {
    return maskWith(String.valueOf(text), maskForms(secrets))
}

@NonCPS
private String maskWith(String text, List<String> needles) {
    String out = text
    for (String n : needles) {
        out = out.replace(n, MASK)
    }
    return out
}

/** Masks every string and key of a parsed JSON value on its own (numbers, booleans, null are kept). */
@NonCPS
private def maskValue(def v, List<String> needles) {
    if (v == null || v.getClass().name == 'net.sf.json.JSONNull') {
        return null
    }
    if (v instanceof Map) {
        Map out = new LinkedHashMap()
        for (def e : (v as Map).entrySet()) {
            out[maskWith(String.valueOf(e.key), needles)] = maskValue(e.value, needles)
        }
        return out
    }
    if (v instanceof List) {
        List out = []
        for (def x : (v as List)) {
            out << maskValue(x, needles)
        }
        return out
    }
    if (v instanceof CharSequence) {
        return maskWith(v.toString(), needles)
    }
    return v
}

/** JavaScript's encodeURIComponent. */
@NonCPS
private String uriComponent(String s) {
    return URLEncoder.encode(s, 'UTF-8').replace('+', '%20').replace('%21', '!').replace('%27', "'")
            .replace('%28', '(').replace('%29', ')').replace('%7E', '~')
}

/** The inside of JSON.stringify(s): quote, backslash and control characters escaped. */
@NonCPS
private String jsonEscape(String s) {
    StringBuilder b = new StringBuilder()
    for (char c : s.toCharArray()) {
        switch (c) {
            case '"': b.append('\\"'); break
            case '\\': b.append('\\\\'); break
            case '\n': b.append('\\n'); break
            case '\r': b.append('\\r'); break
            case '\t': b.append('\\t'); break
            case '\b': b.append('\\b'); break
            case '\f': b.append('\\f'); break
            default:
                if ((c as int) < 0x20) {
                    b.append(String.format('\\u%04x', c as int))
                } else {
                    b.append(c)
                }
        }
    }
    return b.toString()
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
