// Runs shiplog Jenkins steps (adapters/jenkins/vars) under the adapter's own Groovy harness
// (adapters/jenkins/test/groovy/Harness.groovy: real bash for `sh`, recorded writeFile/archiveArtifacts/
// currentBuild.description/console), as one Jenkins build, and writes what each step did as JSON.
// Usage: groovy -cp adapters/jenkins/test/groovy jenkins-steps.groovy <request.json> <out.json>
// Request: {root, workspace, env: {}, credentials: {id: {user, password}}, steps: [{name, args}]}
// The pseudo step `bare-cli` (args: {argv: [...]}) runs a command directly (no step, no bash) from this same JVM
// with the build's env, timed the same way: the overhead benchmark's baseline.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def req = new JsonSlurper().parse(new File(args[0]))
def h = new Harness(new File(req.root as String), new File(req.workspace as String))
req.env.each { k, v -> h.env[k as String] = v as String }
req.credentials.each { id, c -> h.credentials[id as String] = [user: c.user as String, password: c.password as String] }

Map bare(Harness h, List argv) {
    ProcessBuilder pb = new ProcessBuilder(argv.collect { it as String })
    pb.directory(h.workspace)
    pb.environment().clear()
    pb.environment().putAll([PATH: System.getenv('PATH'), HOME: System.getenv('HOME') ?: '/tmp'] + h.env)
    pb.redirectErrorStream(true)
    Process p = pb.start()
    String text = p.inputStream.getText('UTF-8')
    return [status: p.waitFor(), output: text]
}

def out = []
for (def s : req.steps) {
    int consoleFrom = h.console.size()
    int shFrom = h.shCalls.size()
    int archivedFrom = h.archived.size()
    Map stepArgs = Harness.plain(s.args) as Map
    Map r = [step: s.name]
    long t0 = System.nanoTime()
    try {
        if (s.name == 'bare-cli') {
            r.returned = bare(h, stepArgs.argv as List)
        } else {
            r.returned = h.step(s.name as String, stepArgs)
        }
        r.failed = false
    } catch (StepError e) {
        r.failed = true
        r.error = e.message
    }
    r.ms = (System.nanoTime() - t0) / 1e6
    r.console = h.console.subList(consoleFrom, h.console.size()).join('')
    def calls = h.shCalls.subList(shFrom, h.shCalls.size())
    r.scripts = calls.collect { it.script }
    // what the step itself put into the sh environment (withEnv), not the bindings of withCredentials
    r.stepEnv = calls.collect { c -> c.env.findAll { k, v -> (k as String).startsWith('SHIPLOG_') && k != 'SHIPLOG_JENKINS_TOKEN' } }
    r.archived = h.archived.subList(archivedFrom, h.archived.size()).collect { a ->
        File f = new File(h.workspace, a.artifacts as String)
        [path: a.artifacts, text: f.exists() ? f.getText('UTF-8') : null]
    }
    r.description = h.currentBuild.description
    out << r
}
new File(args[1]).setText(JsonOutput.toJson([steps: out, written: h.written.keySet().toList()]), 'UTF-8')
