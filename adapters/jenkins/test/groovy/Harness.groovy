// Stand-ins for the Jenkins pipeline steps the shiplog library uses, so that the real vars/*.groovy files run
// under plain Groovy (Debian's groovy 2.4). `sh` either runs the script in a real bash (end-to-end) or hands it
// to a fake. Everything the steps do is recorded for assertions.
import groovy.json.JsonSlurper

class Harness {
    File root
    File workspace
    Map<String, String> env = [:]
    Map<String, Map<String, String>> credentials = [:]
    List<Map<String, String>> envStack = []
    List<Map> shCalls = []
    Map<String, String> written = [:]
    List<Map> archived = []
    List<String> console = []
    Set<String> secrets = [] as Set
    Map currentBuild = [description: null]
    /** Every `input` step asked, and who submits it (null: the input is aborted, as Jenkins does on "Abort"). */
    List<Map> inputs = []
    String inputSubmitter = null
    /** null: run sh in a real bash. Otherwise a closure (Map call) -> [status: int, stdout: String]. */
    Closure fakeSh = null
    Binding binding

    Harness(File root, File workspace) {
        this.root = root
        this.workspace = workspace
        binding = new Binding()
        binding.setVariable('env', env)
        binding.setVariable('currentBuild', currentBuild)
        binding.setVariable('sh', { Map a -> sh(a) })
        binding.setVariable('echo', { Object m -> console << String.valueOf(m) })
        binding.setVariable('error', { Object m -> throw new StepError(String.valueOf(m)) })
        binding.setVariable('writeFile', { Map a -> writeFile(a) })
        binding.setVariable('readFile', { Map a -> readFile(a) })
        binding.setVariable('readJSON', { Map a -> readJSON(a) })
        binding.setVariable('libraryResource', { String p -> new File(root, "resources/${p}").getText('UTF-8') })
        binding.setVariable('archiveArtifacts', { Map a -> archived << a })
        binding.setVariable('withEnv', { List l, Closure body -> withEnv(l, body) })
        binding.setVariable('input', { Map a -> input(a) })
        binding.setVariable('withCredentials', { List l, Closure body -> withCredentials(l, body) })
        binding.setVariable('usernamePassword', { Map a -> [kind: 'usernamePassword'] + a })
        binding.setVariable('string', { Map a -> [kind: 'string'] + a })
        binding.setVariable('sshUserPrivateKey', { Map a -> [kind: 'sshUserPrivateKey'] + a })
        GroovyShell shell = new GroovyShell(binding)
        new File(root, 'vars').listFiles().findAll { it.name.endsWith('.groovy') }.each { File f ->
            String name = f.name - '.groovy'
            binding.setVariable(name, shell.parse(f))
        }
    }

    /** input(message:, submitter:, submitterParameter:): with only submitterParameter, Jenkins returns the submitter's id. */
    def input(Map a) {
        inputs << a
        if (inputSubmitter == null) {
            throw new StepError('Rejected by someone')
        }
        return a.submitterParameter ? inputSubmitter : null
    }

    def step(String name, Map args) {
        return binding.getVariable(name).call(args)
    }

    Map<String, String> currentEnv() {
        Map<String, String> all = new LinkedHashMap(env)
        envStack.each { all.putAll(it) }
        return all
    }

    def sh(Map a) {
        Map<String, String> e = currentEnv()
        shCalls << [script: a.script, env: e, returnStatus: a.returnStatus, returnStdout: a.returnStdout]
        Map r
        if (fakeSh != null) {
            r = fakeSh.call([script: a.script, env: e, harness: this]) as Map
        } else {
            r = runBash(a.script as String, e)
        }
        if (a.returnStdout) {
            return r.stdout
        }
        if (a.returnStatus) {
            return r.status
        }
        if (r.status != 0) {
            throw new StepError("script returned exit code ${r.status}")
        }
        return null
    }

    Map runBash(String script, Map<String, String> e) {
        ProcessBuilder pb = new ProcessBuilder('bash', '-c', script)
        pb.directory(workspace)
        Map<String, String> penv = pb.environment()
        Map<String, String> keep = [PATH: System.getenv('PATH'), HOME: System.getenv('HOME') ?: '/tmp']
        penv.clear()
        penv.putAll(keep)
        penv.putAll(e)
        Process p = pb.start()
        StringBuffer out = new StringBuffer()
        StringBuffer err = new StringBuffer()
        p.consumeProcessOutput(out, err)
        int status = p.waitFor()
        p.waitForProcessOutput(out, err)
        console << out.toString() << err.toString()
        return [status: status, stdout: out.toString()]
    }

    void withEnv(List l, Closure body) {
        Map<String, String> m = [:]
        l.each { String kv ->
            int i = kv.indexOf('=')
            m[kv.substring(0, i)] = kv.substring(i + 1)
        }
        envStack.push(m)
        try {
            body.call()
        } finally {
            envStack.pop()
        }
    }

    void withCredentials(List bindings, Closure body) {
        Map<String, String> m = [:]
        bindings.each { Map b ->
            Map<String, String> c = credentials[b.credentialsId as String]
            if (c == null) {
                throw new StepError("credentials '${b.credentialsId}' not found")
            }
            if (b.kind == 'usernamePassword') {
                m[b.usernameVariable as String] = c.user
                m[b.passwordVariable as String] = c.password
                secrets << c.password
            } else if (b.kind == 'sshUserPrivateKey') {
                // as the plugin does: the key in a temporary file, its path in the variable
                File key = File.createTempFile('ssh-key-', '', workspace)
                key.text = c.key
                m[b.keyFileVariable as String] = key.path
                secrets << c.key
            } else {
                m[b.variable as String] = c.secret
                secrets << c.secret
            }
        }
        envStack.push(m)
        try {
            body.call()
        } finally {
            envStack.pop()
        }
    }

    void writeFile(Map a) {
        File f = new File(workspace, a.file as String)
        f.parentFile.mkdirs()
        f.setText(a.text as String, 'UTF-8')
        written[a.file as String] = a.text as String
    }

    String readFile(Map a) {
        File f = new File(workspace, a.file as String)
        if (!f.exists()) {
            throw new StepError("file not found: ${a.file}")
        }
        return f.getText('UTF-8')
    }

    /**
     * As pipeline-utility-steps' readJSON: with `returnPojo: true` plain LinkedHashMap/ArrayList with JSON null as
     * null; without it json-lib's objects, JSON null as JSONNull (JsonNullStandIn below), an object, so truthy in
     * Groovy: a step that forgets returnPojo meets JSONNull here as it would on Jenkins.
     */
    def readJSON(Map a) {
        String text = a.containsKey('text') ? a.text : readFile(file: a.file)
        return plain(new JsonSlurper().parseText(text as String), a.returnPojo == true)
    }

    /** JsonSlurper's lazy maps -> plain LinkedHashMap/ArrayList; JSON null -> null (pojo) or JsonNullStandIn. */
    static def plain(def v, boolean pojo = true) {
        if (v == null) {
            return pojo ? null : JsonNullStandIn.INSTANCE
        }
        if (v instanceof Map) {
            Map m = new LinkedHashMap()
            v.each { k, x -> m[k] = plain(x, pojo) }
            return m
        }
        if (v instanceof List) {
            return v.collect { plain(it, pojo) }
        }
        return v
    }
}

/**
 * Behaves as net.sf.json.JSONNull (pipeline-utility-steps' readJSON returns it for JSON null): a singleton object,
 * true in a Groovy condition, `== null` false, equals(null) true, equal to the string "null", printed as "null".
 */
final class JsonNullStandIn {
    static final JsonNullStandIn INSTANCE = new JsonNullStandIn()
    private JsonNullStandIn() {}
    @Override
    boolean equals(Object o) { return o == null || o.is(this) || 'null' == o }
    @Override
    int hashCode() { return 0 }
    @Override
    String toString() { return 'null' }
}
