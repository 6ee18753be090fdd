// Tests of the vars/ steps under the Harness stand-ins. Prints TAP; exits 1 when any test fails.
// Usage: groovy -cp test/groovy test/groovy/StepsTest.groovy <adapters/jenkins dir> [--e2e-only|--unit-only]
import groovy.json.JsonOutput

File root = new File(args.length > 0 ? args[0] : '.').canonicalFile
String mode = args.length > 1 ? args[1] : ''
final String PASSWORD = 's3cr3t-Pa55'

def tests = [:]
def newHarness = { ->
    File ws = File.createTempDir('shiplog-jenkins-', '')
    def h = new Harness(root, ws)
    h.credentials['dh-creds'] = [user: 'admin', password: PASSWORD]
    h.credentials['jenkins-api'] = [user: 'ci-bot', password: 'jenkins-api-t0ken-42']
    h.env['BUILD_NUMBER'] = '7'
    return h
}
/** A fake `sh` that writes the given result JSON to $SHIPLOG_RESULT and returns the status. */
def fakeCli = { Map result, int status = 0 ->
    return { Map c ->
        // The build description line is the core's report of the result: the real helper renders it.
        if (c.script.contains('report.mjs"')) {
            return c.harness.runBash(c.script as String, c.env as Map)
        }
        if (c.env.SHIPLOG_RESULT) {
            File f = new File(c.harness.workspace, c.env.SHIPLOG_RESULT as String)
            f.parentFile.mkdirs()
            f.text = JsonOutput.toJson(result)
        }
        return [status: status, stdout: '']
    }
}
def argsOf = { Map call ->
    call.env.findAll { k, v -> k ==~ /SHIPLOG_A\d+/ }.sort { a, b -> (a.key - 'SHIPLOG_A') as int <=> (b.key - 'SHIPLOG_A') as int }.collect { it.value }
}
def assertTrue = { boolean cond, String msg -> if (!cond) throw new IllegalStateException(msg) }
def everything = { h ->
    [h.shCalls.collect { it.script }.join('\n'), h.written.values().join('\n'), String.valueOf(h.currentBuild.description),
     h.console.join('\n'), JsonOutput.toJson(h.archived)].join('\n')
}

if (mode != '--e2e-only') {
    tests['version-update maps named arguments to flags through the environment only'] = {
        def h = newHarness()
        h.fakeSh = fakeCli([ok: true, operation: 'version-update', componentVersion: 'GLOBAL.Acme.cart;main;v1', componentVersionId: 'cv:1', componentVersionCreated: true,
                            appVersion: 'GLOBAL.Acme.shop;1', appVersionId: 'av:1', appVersionCreated: true])
        def r = h.step('shiplogVersionUpdate', [componentName: 'GLOBAL.Acme.cart', componentVersion: 'v1 $(touch pwned)',
                                                application: 'GLOBAL.Acme.shop', attr: ['A=1', 'B=two words'], autoIncrement: false])
        assertTrue(r.ok == true && r.componentVersion == 'GLOBAL.Acme.cart;main;v1', "returned map: ${r}")
        def call = h.shCalls[0]
        def expected = ['--component-name=GLOBAL.Acme.cart', '--component-version=v1 $(touch pwned)', '--auto-increment=false',
                        '--attr=A=1', '--attr=B=two words', '--application=GLOBAL.Acme.shop']
        assertTrue(argsOf(call).size() == expected.size() && argsOf(call).containsAll(expected), "flags: ${argsOf(call)}")
        assertTrue(!call.script.contains('GLOBAL.Acme') && !call.script.contains('touch'), "values must not be in the script text: ${call.script}")
        assertTrue(call.script.contains('"$SHIPLOG_OPERATION" --json'), call.script)
        assertTrue(call.env.SHIPLOG_OPERATION == 'version-update', 'operation env')
        assertTrue(h.written['.shiplog-bin/shiplog.mjs']?.length() > 0, 'bundle written from libraryResource')
        assertTrue(h.archived.size() == 1 && h.archived[0].artifacts.startsWith('.shiplog-bin/result-version-update-'), "archived ${h.archived}")
        assertTrue(h.currentBuild.description.contains('GLOBAL.Acme.cart;main;v1'), "description ${h.currentBuild.description}")
    }
    tests['report: true archives the dashboard page, and publishHTML shows it when the plugin is there'] = {
        def h = newHarness()
        Map result = [ok: true, operation: 'deploy', deployment: [id: 3, appVersion: 'GLOBAL.Acme.shop;2', environment: 'dev', status: 'success', exitCode: 0],
                      report: [html: [path: 'shiplog-report.html', bytes: 1234], markdown: [path: 'shiplog-report.md', bytes: 99, truncated: false]]]
        h.fakeSh = fakeCli(result)
        h.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'dev', exitCode: 0, report: true])
        assertTrue(argsOf(h.shCalls[0]).contains('--report=true'), "flags: ${argsOf(h.shCalls[0])}")
        assertTrue(h.archived.size() == 2 && h.archived[1].artifacts == 'shiplog-report.html', "archived ${h.archived}")
        assertTrue(h.console.any { it.contains('install the HTML Publisher plugin') }, "console ${h.console}")
        // with the HTML Publisher plugin: its step is called with the page
        def p = newHarness()
        List published = []
        p.binding.setVariable('publishHTML', { Map a -> published << a })
        p.fakeSh = fakeCli(result)
        p.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'dev', exitCode: 0, report: true])
        assertTrue(published.size() == 1 && published[0].target.reportFiles == 'shiplog-report.html' && published[0].target.reportDir == '.', "publishHTML ${published}")
        // no report in the result: nothing more archived, nothing published
        def n = newHarness()
        n.fakeSh = fakeCli([ok: true, operation: 'deploy', deployment: [id: 3, appVersion: 'GLOBAL.Acme.shop;2', environment: 'dev', status: 'success', exitCode: 0]])
        n.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'dev', exitCode: 0])
        assertTrue(n.archived.size() == 1, "archived ${n.archived}")
    }
    tests['the Ortelius password travels only through withCredentials env'] = {
        def h = newHarness()
        h.fakeSh = fakeCli([ok: true, operation: 'approve', appVersion: 'GLOBAL.Acme.shop;2', approved: true, stage: 'prod'])
        def r = h.step('shiplogApprove', [application: 'GLOBAL.Acme.shop', appVersion: '2', credentialsId: 'dh-creds', dhurl: 'http://127.0.0.1:1'])
        def call = h.shCalls[0]
        assertTrue(call.env.DHPASS == PASSWORD && call.env.DHUSER == 'admin', 'credentials bound into DHUSER/DHPASS')
        assertTrue(!everything(h).contains(PASSWORD), 'password leaked into a script, file, description, console or artifact')
        assertTrue(!argsOf(call).any { it.contains(PASSWORD) }, 'password in a flag')
        assertTrue(r.approved == true, "result ${r}")
        assertTrue(h.currentBuild.description.contains('approved GLOBAL.Acme.shop;2 for prod'), h.currentBuild.description)
    }
    tests['a password argument is refused before anything runs'] = {
        def h = newHarness()
        h.fakeSh = fakeCli([ok: true])
        try {
            h.step('shiplogDeploy', [application: 'A.b', env: 'qa', dhpass: PASSWORD])
            assertTrue(false, 'expected an error')
        } catch (StepError e) {
            assertTrue(e.message.contains('credentialsId') && !e.message.contains(PASSWORD), e.message)
        }
        assertTrue(h.shCalls.isEmpty(), 'nothing may run')
    }
    tests['unknown arguments are named in the error'] = {
        def h = newHarness()
        try {
            h.step('shiplogMove', [application: 'A.b', tooo: 'prod', colour: 'red'])
            assertTrue(false, 'expected an error')
        } catch (StepError e) {
            assertTrue(e.message.contains('tooo') && e.message.contains('colour'), e.message)
        }
    }
    tests['a failed deployment fails the build with the one-line message, or returns ok=false'] = {
        def failed = [ok: false, operation: 'deploy', deployment: [id: 4, appVersion: 'GLOBAL.Acme.shop;2', environment: 'qa', exitCode: 3, status: 'failed'],
                      error: [code: 'DEPLOY_FAILED', message: 'deployment #4 of GLOBAL.Acme.shop;2 to qa failed with exit code 3', exitCode: 1]]
        def h = newHarness()
        h.fakeSh = fakeCli(failed, 1)
        try {
            h.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'qa', command: 'false'])
            assertTrue(false, 'expected an error')
        } catch (StepError e) {
            assertTrue(e.message.contains('exit 1') && e.message.contains('failed with exit code 3'), e.message)
        }
        assertTrue(h.currentBuild.description.contains('FAILED (#4)'), h.currentBuild.description)
        def h2 = newHarness()
        h2.fakeSh = fakeCli(failed, 1)
        def r = h2.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'qa', command: 'false', failOnError: false])
        assertTrue(r.ok == false && r.deployment.status == 'failed', "result ${r}")
    }
    tests['record-only deploy attaches console log, causes and change sets from the Jenkins API'] = {
        def h = newHarness()
        h.fakeSh = { Map c ->
            if (c.script.contains('jenkins-context.mjs')) {
                assertTrue(c.env.SHIPLOG_JENKINS_TOKEN == 'jenkins-api-t0ken-42', 'token bound for the helper')
                return [status: 0, stdout: JsonOutput.toJson([ok: true, logFile: '.shiplog-bin/jenkins/console.log',
                                                              attributes: [JobTriggeredBy: 'Started by user Alice', CommitAuthors: 'Alice,Bob']])]
            }
            assertTrue(c.env.SHIPLOG_JENKINS_TOKEN == null, 'token must not reach the shiplog CLI')
            return fakeCli([ok: true, operation: 'deploy', deployment: [id: 1, appVersion: 'GLOBAL.Acme.shop;1', environment: 'qa', exitCode: 0, status: 'success']]).call(c)
        }
        h.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'qa', exitCode: 0, jenkinsCredentialsId: 'jenkins-api'])
        def flags = argsOf(h.shCalls[1])
        assertTrue(flags.contains('--log-file=.shiplog-bin/jenkins/console.log'), "flags ${flags}")
        assertTrue(flags.contains('--attr=JobTriggeredBy=Started by user Alice') && flags.contains('--attr=CommitAuthors=Alice,Bob'), "flags ${flags}")
        assertTrue(flags.contains('--exit-code=0'), "flags ${flags}")
        assertTrue(!everything(h).contains('jenkins-api-t0ken-42'), 'API token leaked')
    }
    // Issue 20, item 5: readJSON returns json-lib's JSONNull for JSON null (an object: truthy, `!= null`).
    tests['JSON null from the Jenkins API helper is no value (no --log-file=null, no attributes)'] = {
        def h = newHarness()
        h.fakeSh = { Map c ->
            if (c.script.contains('jenkins-context.mjs')) {
                return [status: 0, stdout: '{"ok":true,"logFile":null,"attributes":null,"warning":null}']
            }
            return fakeCli([ok: true, operation: 'deploy', deployment: [id: 1, appVersion: 'GLOBAL.Acme.shop;1', environment: 'qa', exitCode: 0, status: 'success']]).call(c)
        }
        h.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'qa', exitCode: 0, jenkinsCredentialsId: 'jenkins-api'])
        def flags = argsOf(h.shCalls[1])
        assertTrue(!flags.any { it.startsWith('--log-file') || it.startsWith('--attr') }, "flags ${flags}")
        assertTrue(flags.contains('--exit-code=0'), "flags ${flags}")
    }
    tests['JSON null in the result: the caller gets null, a null error message is not "null"'] = {
        def h = newHarness()
        h.fakeSh = fakeCli([ok: true, operation: 'deploy', dryRun: true, config: null,
                            deployment: [id: null, appVersion: 'GLOBAL.Acme.shop;1', environment: 'qa', exitCode: null, status: 'planned', logUrl: null],
                            list: [null, 'x']])
        def r = h.step('shiplogDeploy', [application: 'GLOBAL.Acme.shop', env: 'qa', command: 'true', dryRun: true])
        assertTrue(r.config == null && r.deployment.id == null && r.deployment.exitCode == null && !r.deployment.logUrl, "result ${r}")
        assertTrue(r.list[0] == null && r.list[1] == 'x', "list ${r.list}")
        def h2 = newHarness()
        h2.fakeSh = fakeCli([ok: false, operation: 'approve', error: [code: 'X', message: null, exitCode: 4]], 4)
        try {
            h2.step('shiplogApprove', [application: 'GLOBAL.Acme.shop', stage: 'qa'])
            assertTrue(false, 'expected an error')
        } catch (StepError e) {
            assertTrue(e.message == 'shiplog approve failed (exit 4): exit 4', e.message)
        }
    }
    tests['without Jenkins API access a record-only deploy still records'] = {
        def h = newHarness()
        h.fakeSh = { Map c ->
            if (c.script.contains('jenkins-context.mjs')) {
                return [status: 0, stdout: '{"ok":false,"warning":"Jenkins API not used: JENKINS_URL not set"}']
            }
            return fakeCli([ok: true, operation: 'deploy', deployment: [id: 1, appVersion: 'X.y;1', environment: 'qa', exitCode: 0, status: 'success']]).call(c)
        }
        def r = h.step('shiplogDeploy', [application: 'X.y', env: 'qa', exitCode: 0, jenkinsCredentialsId: 'jenkins-api'])
        assertTrue(r.ok == true, "result ${r}")
        assertTrue(h.console.any { it.contains('Jenkins API not used') }, 'warning echoed')
        assertTrue(!argsOf(h.shCalls[1]).any { it.startsWith('--log-file') }, 'no log file flag')
    }
    tests['queries run through shiplogCli'] = {
        def h = newHarness()
        h.fakeSh = fakeCli([ok: true, operation: 'status', environments: []])
        def r = h.step('shiplogCli', [operation: 'status', stateDir: '/tmp/x'])
        assertTrue(r.operation == 'status', "result ${r}")
        assertTrue(argsOf(h.shCalls[0]) == ['--state-dir=/tmp/x'], "flags ${argsOf(h.shCalls[0])}")
    }
    tests['shiplogCli refuses dhpass/password like the other steps, before anything runs'] = {
        for (String name : ['dhpass', 'password']) {
            def h = newHarness()
            h.fakeSh = fakeCli([ok: true, operation: 'status', environments: []])
            try {
                h.step('shiplogCli', [operation: 'status', (name): PASSWORD])
                assertTrue(false, "expected an error for ${name}")
            } catch (StepError e) {
                assertTrue(e.message.contains('credentialsId') && e.message.contains(name) && !e.message.contains(PASSWORD), e.message)
                assertTrue(e.message.readLines().size() == 1, "one line: ${e.message}")
            }
            assertTrue(h.shCalls.isEmpty() && h.written.isEmpty() && h.archived.isEmpty(), "${name}: nothing may run or be written")
            assertTrue(h.currentBuild.description == null, "${name}: description ${h.currentBuild.description}")
        }
    }
    tests['shiplogCli refuses unknown arguments before the CLI runs, naming them and the accepted ones (from the table)'] = {
        def manifest = new groovy.json.JsonSlurper().parse(new File(root, 'resources/shiplog/inputs.json'))
        [['status', [colour: 'red']], ['history', [limt: '5']], ['status', [limit: '5']], ['diff', [jenkinsCredentialsId: 'jenkins-api']]].each { List c ->
            String q = c[0]
            Map bad = c[1]
            def h = newHarness()
            h.fakeSh = fakeCli([ok: true, operation: q])
            String arg = bad.keySet()[0]
            try {
                h.step('shiplogCli', [operation: q, stateDir: '/tmp/x'] + bad)
                assertTrue(false, "expected an error for ${q} ${arg}")
            } catch (StepError e) {
                assertTrue(e.message.readLines().size() == 1, "one line: ${e.message}")
                assertTrue(e.message.contains("unknown argument(s) ${arg};"), e.message)
                List accepted = manifest.queries[q].inputs.collect { it.arg }
                assertTrue(accepted.every { e.message.contains(it as String) } && e.message.contains('credentialsId'), "accepted ones named: ${e.message}")
            }
            assertTrue(h.shCalls.isEmpty() && h.written.isEmpty() && h.archived.isEmpty(), "${q} ${arg}: nothing may run or be written")
        }
    }
    tests['shiplogCli maps query arguments to the table flags'] = {
        def h = newHarness()
        h.fakeSh = fakeCli([ok: true, operation: 'history', deployments: []])
        h.step('shiplogCli', [operation: 'history', componentName: 'GLOBAL.Acme.cart', limit: 5, env: 'qa', credentialsId: 'dh-creds', failOnError: true])
        assertTrue(argsOf(h.shCalls[0]) == ['--component-name=GLOBAL.Acme.cart', '--env=qa', '--limit=5'], "flags ${argsOf(h.shCalls[0])}")
    }
    // The steps mask nothing themselves: the core's one Redactor (in the CLI) has already removed every secret it
    // was given from what the steps read back. This runs the real CLI (bash + node) with the password bound by
    // withCredentials and echoed by the core in an error.
    tests['a secret given through credentials and echoed by the core never reaches the failure message, description, archived result or return value'] = {
        [true, false].each { boolean failOnError ->
            def h = newHarness()
            def r = null
            String message = ''
            try {
                r = h.step('shiplogApprove', [application: 'GLOBAL.Acme.shop', stage: PASSWORD, credentialsId: 'dh-creds', backend: 'local',
                                              stateDir: new File(h.workspace, 'state').path, failOnError: failOnError])
                assertTrue(!failOnError, 'expected an error')
            } catch (StepError e) {
                assertTrue(failOnError, "unexpected error ${e.message}")
                message = e.message
                assertTrue(message.contains('***') && message.contains('exit 2'), message)
            }
            File result = new File(h.workspace, h.archived[0].artifacts as String)
            String all = [message, String.valueOf(h.currentBuild.description), result.text, JsonOutput.toJson(r), h.console.join('\n')].join('\n')
            [PASSWORD, URLEncoder.encode(PASSWORD, 'UTF-8'), PASSWORD.bytes.encodeBase64().toString()].each { assertTrue(!all.contains(it), "leaked ${it}: ${all}") }
            def archived = new groovy.json.JsonSlurper().parseText(result.text)
            assertTrue(archived.ok == false && archived.error.exitCode == 2 && archived.error.message.contains('***'), "archived result: ${result.text}")
            assertTrue(h.currentBuild.description.startsWith('shiplog approve failed: ') && h.currentBuild.description.contains('***'), h.currentBuild.description)
            if (!failOnError) {
                assertTrue(r.ok == false && r.error.message.contains('***'), "returned ${r}")
            }
        }
    }
    tests['a git+ssh store key bound by storeSshCredentialsId reaches git through GIT_SSH_COMMAND, and nothing else'] = {
        def h = newHarness()
        h.credentials['state-key'] = [user: 'git', key: '-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----']
        h.fakeSh = { Map c ->
            if (c.script.contains('report.mjs"')) {
                return c.harness.runBash(c.script as String, c.env as Map)
            }
            // run the step's real script with a stand-in node that reports what git would see
            String probe = 'probe() { printf \'{"ok":true,"operation":"status","ssh":"%s","key":"%s"}\' "${GIT_SSH_COMMAND//\\\"/}" "$(head -c 5 "$SHIPLOG_STORE_SSH_KEY")"; }\n' +
                c.script.replace('"$SHIPLOG_NODE" "$SHIPLOG_BIN_DIR/shiplog.mjs"', 'probe')
            return c.harness.runBash(probe, c.env as Map)
        }
        def r = h.step('shiplogCli', [operation: 'status', store: 'git+ssh://git@git.example/acme/state.git', storeSshCredentialsId: 'state-key'])
        assertTrue(argsOf(h.shCalls[0]) == ['--store=git+ssh://git@git.example/acme/state.git'], "flags ${argsOf(h.shCalls[0])}")
        assertTrue((r.ssh as String).startsWith('ssh -i ') && r.ssh.contains('IdentitiesOnly=yes') && r.key == '-----', "git sees ${r}")
        assertTrue(!everything(h).contains('not-a-real-key'), 'the key leaked')
    }
    tests['a store token bound by storeCredentialsId reaches the CLI only as SHIPLOG_STORE_PASSWORD'] = {
        def h = newHarness()
        h.credentials['state-token'] = [user: 'x-access-token', password: 'ghp_store_t0ken_value']
        h.fakeSh = fakeCli([ok: true, operation: 'status', environments: []])
        h.step('shiplogCli', [operation: 'status', store: 'git+https://github.com/acme/state.git', storeCredentialsId: 'state-token'])
        def call = h.shCalls[0]
        assertTrue(call.env.SHIPLOG_STORE_PASSWORD == 'ghp_store_t0ken_value' && call.env.DHPASS == null, "bound: ${call.env}")
        assertTrue(argsOf(call) == ['--store=git+https://github.com/acme/state.git'], "flags ${argsOf(call)}")
        assertTrue(!everything(h).contains('ghp_store_t0ken_value'), 'the token leaked')
    }
}

if (mode != '--unit-only') {
    tests['end to end: real bash and node against the embedded store'] = {
        def h = newHarness()
        File ws = h.workspace
        def git = { String... a ->
            def p = (['git', '-C', ws.path] + a.toList()).execute()
            p.waitFor()
            assertTrue(p.exitValue() == 0, "git ${a}: ${p.err.text}")
        }
        git('init', '-q', '-b', 'main')
        git('config', 'user.email', 't@example.com')
        git('config', 'user.name', 'T')
        new File(ws, 'component.toml').text = 'Name = "GLOBAL.Acme.Store.cart"\nVariant = "${GIT_BRANCH}"\nVersion = "v1.0.${BUILD_NUMBER}"\n'
        git('add', '.')
        git('commit', '-qm', 'init')
        h.env.putAll([BUILD_NUMBER: '7', JENKINS_URL: 'http://127.0.0.1:9/', JOB_NAME: 'shop/main', BUILD_URL: 'http://127.0.0.1:9/job/shop/7/',
                      GIT_COMMIT: 'abc', BRANCH_NAME: 'main'])
        String state = new File(ws, 'state').path
        def vu = h.step('shiplogVersionUpdate', [application: 'GLOBAL.Acme.Store.shop', stateDir: state])
        assertTrue(vu.ok == true && vu.componentVersion == 'GLOBAL.Acme.Store.cart;main;v1_0_7', "version-update ${vu}")
        def again = h.step('shiplogVersionUpdate', [application: 'GLOBAL.Acme.Store.shop', stateDir: state])
        assertTrue(again.componentVersionCreated == false && again.appVersionCreated == false, "re-run ${again}")
        def d = h.step('shiplogDeploy', [application: 'GLOBAL.Acme.Store.shop', env: 'dev', stateDir: state, command: 'echo deploying cart'])
        assertTrue(d.deployment.status == 'success' && d.deployment.exitCode == 0, "deploy ${d}")
        def s = h.step('shiplogCli', [operation: 'status', stateDir: state])
        assertTrue(s.environments.any { it.name == 'dev' && it.appVersion == vu.appVersion }, "status ${s}")
        def env = h.step('shiplogEnvscript', [output: 'shiplog.env'])
        assertTrue(env.ok == true && new File(ws, 'shiplog.env').text.contains('GIT_BRANCH'), "envscript ${env}")
        assertTrue(h.currentBuild.description.split('<br>').size() == 5, h.currentBuild.description)
    }
    tests['end to end: shiplogPlan and shiplogApply on an intent repository (console table, banners, description)'] = {
        def h = newHarness()
        File ws = h.workspace
        ['init -q -b main', 'config user.email t@example.com', 'config user.name T'].each { String c ->
            def p = (['git', '-C', ws.path] + c.split(' ').toList()).execute()
            p.waitFor()
            assertTrue(p.exitValue() == 0, "git ${c}: ${p.err.text}")
        }
        new File(ws, 'intent.toml').text = '[application."GLOBAL.Acme.Store.payments"]\ndeploy = ["sh", "deploy.sh"]\n\n' +
            '[application."GLOBAL.Acme.Store.shop"]\ndepends_on = ["GLOBAL.Acme.Store.payments"]\ndeploy = ["sh", "deploy.sh"]\n\n' +
            '[environment.dev]\n"GLOBAL.Acme.Store.payments" = "latest"\n"GLOBAL.Acme.Store.shop" = "latest"\n'
        new File(ws, 'deploy.sh').text = 'echo "deploying $SHIPLOG_APPLICATION $SHIPLOG_APP_VERSION"\n'
        h.env.putAll([BUILD_NUMBER: '8', JENKINS_URL: 'http://127.0.0.1:9/', JOB_NAME: 'intent/main', BUILD_URL: 'http://127.0.0.1:9/job/intent/8/'])
        String state = new File(ws, 'state').path
        ['GLOBAL.Acme.Store.payments', 'GLOBAL.Acme.Store.shop'].each { String app ->
            def vu = h.step('shiplogVersionUpdate', [componentName: "${app}-svc".toString(), componentVersion: '1.0', application: app, stateDir: state])
            assertTrue(vu.ok == true, "version-update ${vu}")
        }
        h.currentBuild.description = null
        try {
            h.step('shiplogPlan', [stateDir: state])
            assertTrue(false, 'a plan with changes fails the build by default')
        } catch (StepError e) {
            assertTrue(e.message == 'shiplog plan failed (exit 1): shiplog plan: 2 to deploy, 0 up to date', e.message)
        }
        def p = h.step('shiplogPlan', [stateDir: state, env: ['dev'], passOnChanges: true])
        assertTrue(p.ok == true && p.counts.deploy == 2 && p.passOnChanges == true, "plan ${p}")
        String console = h.console.join('')
        assertTrue((console =~ /ENVIRONMENT +WAVE +APPLICATION/).find() && console.contains('plan: 2 to deploy, 0 up to date'), console)
        def a = h.step('shiplogApply', [stateDir: state, env: ['dev']])
        assertTrue(a.ok == true && a.counts.succeeded == 2, "apply ${a}")
        console = h.console.join('')
        assertTrue(console.contains('==== wave 1: deploying GLOBAL.Acme.Store.payments 1 to dev ====\n[dev GLOBAL.Acme.Store.payments] '), console)
        assertTrue(console.contains('==== end: wave 2: deploying GLOBAL.Acme.Store.shop 1 to dev ===='), console)
        assertTrue((console =~ /Deployments:\n +Environment +Wave +Application +Version +Action +Status/).find(), console)
        List lines = h.currentBuild.description.split('<br>').toList()
        assertTrue(lines == ['shiplog plan: 2 to deploy, 0 up to date', 'shiplog plan: 2 to deploy, 0 up to date',
                             'shiplog apply: 2 deployments made, 0 already matched'], "description ${lines}")
    }
    tests['end to end: a refused gate fails with every unmet rule; an input step\'s submitter approves (verified:jenkins)'] = {
        def h = newHarness()
        File ws = h.workspace
        h.env.putAll([BUILD_NUMBER: '8', JENKINS_URL: 'http://127.0.0.1:9/', JOB_NAME: 'shop/main', BUILD_USER_ID: 'starter'])
        String state = new File(ws, 'state').path
        def vu = h.step('shiplogVersionUpdate', [application: 'GLOBAL.Acme.Store.shop', componentName: 'GLOBAL.Acme.Store.cart',
                                                componentVersion: 'v1', stateDir: state])
        assertTrue(vu.ok == true, "version-update ${vu}")
        def refused = h.step('shiplogMove', [application: 'GLOBAL.Acme.Store.shop', to: 'prod', stateDir: state, failOnError: false])
        assertTrue(refused.ok == false && refused.gatePassed == false && refused.unmetRules*.rule == ['approval'], "refused move ${refused}")
        String description = h.currentBuild.description as String
        assertTrue(description.endsWith('shiplog move refused by the release policy: 1 unmet rule (approval)'), description)
        try {
            h.step('shiplogMove', [application: 'GLOBAL.Acme.Store.shop', to: 'prod', stateDir: state])
            assertTrue(false, 'expected the step to fail')
        } catch (StepError e) {
            assertTrue(e.message.startsWith('shiplog move failed (exit 1): refused by the release policy: approval: ') && e.message.contains('(next: shiplog approve'), e.message)
        }
        // The input step is aborted: the build stops there, nothing runs
        int calls = h.shCalls.size()
        try {
            h.step('shiplogApprove', [application: 'GLOBAL.Acme.Store.shop', stage: 'prod', stateDir: state, platformGate: true, gateMessage: 'Release to prod?'])
            assertTrue(false, 'expected the aborted input to stop the step')
        } catch (StepError e) {
            assertTrue(h.shCalls.size() == calls, 'the CLI ran after an aborted input')
        }
        h.inputSubmitter = 'jrel'
        def a = h.step('shiplogApprove', [application: 'GLOBAL.Acme.Store.shop', stage: 'prod', stateDir: state, platformGate: true,
                                          gateMessage: 'Release to prod?', gateSubmitters: 'jrel,release-team'])
        assertTrue(a.ok == true && a.actor.id == 'jrel' && a.actor.source == 'verified:jenkins' && a.gatePassed == true, "approve ${a}")
        assertTrue(h.inputs[-1] == [message: 'Release to prod?', ok: 'Approve', submitterParameter: 'shiplogSubmitter', submitter: 'jrel,release-team'], "input ${h.inputs}")
        def moved = h.step('shiplogMove', [application: 'GLOBAL.Acme.Store.shop', to: 'prod', stateDir: state])
        assertTrue(moved.ok == true && moved.gatePassed == true && moved.unmetRules == [], "move ${moved}")
    }
    tests['end to end: a shared git store through the store argument, its token only in withCredentials'] = {
        def h = newHarness()
        h.credentials['state-token'] = [user: 'x-access-token', password: 'st0re-t0ken-jenkins']
        File remote = new File(File.createTempDir('shiplog-jk-store-', ''), 'state.git')
        def init = ['git', 'init', '-q', '--bare', remote.path].execute()
        init.waitFor()
        def vu = h.step('shiplogVersionUpdate', [componentName: 'GLOBAL.Acme.Store.cart', componentVersion: 'v1.0.0', application: 'GLOBAL.Acme.Store.shop',
                                                store: "git+file://${remote.path}".toString(), storeCredentialsId: 'state-token'])
        assertTrue(vu.ok == true, "version-update ${vu}")
        def log = ['git', '--git-dir', remote.path, 'log', '--format=%s', 'shiplog-state'].execute()
        String subjects = log.text
        log.waitFor()
        assertTrue(subjects.contains('GLOBAL.Acme.Store.cart'), "state in the remote: ${subjects}")
        String all = everything(h) + new File(h.workspace, '.shiplog-bin').listFiles().findAll { it.name.startsWith('result-') }.collect { it.text }.join('\n')
        ['st0re-t0ken-jenkins', 'st0re-t0ken-jenkins'.bytes.encodeBase64().toString()].each { assertTrue(!all.contains(it), "token form ${it} leaked") }
    }
    tests['end to end: real bash and node against the Ortelius emulator, password only in withCredentials'] = {
        File repo = new File(root, '../..').canonicalFile
        File urlFile = new File(File.createTempDir('shiplog-emu-', ''), 'url')
        Process emu = new ProcessBuilder('node', new File(repo, 'core/test/ortelius-emulator/serve.mjs').path,
                                         '--port-file', urlFile.path, '--deploy-delay-ms', '200').redirectErrorStream(true).start()
        try {
            long deadline = System.currentTimeMillis() + 30000
            while (!urlFile.exists() && System.currentTimeMillis() < deadline) {
                sleep(100)
            }
            assertTrue(urlFile.exists(), 'emulator did not start')
            String url = urlFile.text.trim()
            def h = newHarness()
            h.env.putAll([BUILD_NUMBER: '12', BUILD_URL: 'http://127.0.0.1:9/job/shop/12/', JOB_NAME: 'shop'])
            def vu = h.step('shiplogVersionUpdate', [componentName: 'GLOBAL.Acme.Store.cart', componentVersion: 'v2.0.12',
                                                    application: 'GLOBAL.Acme.Store.shop', appVersion: '2.0', dhurl: url, credentialsId: 'dh-creds'])
            assertTrue(vu.ok == true && vu.componentVersion == 'GLOBAL.Acme.Store.cart;v2_0_12', "version-update ${vu}")
            def d = h.step('shiplogDeploy', [application: 'GLOBAL.Acme.Store.shop', appVersion: '2.0', env: 'dev', exitCode: 0,
                                             dhurl: url, credentialsId: 'dh-creds'])
            assertTrue(d.ok == true && d.deployment.status == 'success', "deploy ${d}")
            def bad = h.step('shiplogApprove', [application: 'GLOBAL.Acme.Store.shop', appVersion: '2.0', dhurl: url, credentialsId: 'dh-creds',
                                                failOnError: false, stage: 'nowhere'])
            assertTrue(bad.ok == false && bad.error.exitCode == 2, "approve to an unknown stage ${bad}")
            String all = everything(h) + h.workspace.listFiles().findAll { it.isFile() }.collect { it.text }.join('\n') +
                new File(h.workspace, '.shiplog-bin').listFiles().findAll { it.name.startsWith('result-') }.collect { it.text }.join('\n')
            [PASSWORD, URLEncoder.encode(PASSWORD, 'UTF-8'), PASSWORD.bytes.encodeBase64().toString()].each { String form ->
                assertTrue(!all.contains(form), "password form ${form} leaked")
            }
        } finally {
            emu.destroy()
            emu.waitFor()
        }
    }
}

int n = 0
int failed = 0
println "1..${tests.size()}"
tests.each { String name, Closure t ->
    n++
    try {
        t.call()
        println "ok ${n} - ${name}"
    } catch (Throwable e) {
        failed++
        println "not ok ${n} - ${name}"
        println "# ${e.class.simpleName}: ${e.message}".readLines().collect { "# ${it}" }.join('\n')
    }
}
System.exit(failed ? 1 : 0)
