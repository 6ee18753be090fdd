// shiplog approve as a pipeline step: named arguments as in shiplogApprove.txt; returns the JSON result as a Map.
// platformGate + gateMessage: the step first runs an `input` step and records its submitter as the approver
// (docs/policy.md, "Platform gates"); aborting the input aborts the build before anything is stored.
def call(Map args = [:]) {
    if (args.platformGate && args.gateMessage) {
        Map ask = [message: args.gateMessage as String, ok: 'Approve', submitterParameter: 'shiplogSubmitter']
        if (args.gateSubmitters) {
            ask.submitter = args.gateSubmitters as String
        }
        // With submitterParameter as its only parameter, input returns the submitter's user id.
        String submitter = input(ask) as String
        def result = null
        withEnv(["SHIPLOG_INPUT_SUBMITTER=${submitter}".toString()]) {
            result = shiplogCli.runOperation('approve', 'shiplogApprove', args)
        }
        return result
    }
    return shiplogCli.runOperation('approve', 'shiplogApprove', args)
}
