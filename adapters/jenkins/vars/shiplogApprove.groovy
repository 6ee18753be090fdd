// shiplog approve as a pipeline step: named arguments as in shiplogApprove.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('approve', 'shiplogApprove', args)
}
