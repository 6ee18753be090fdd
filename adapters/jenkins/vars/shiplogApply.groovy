// shiplog apply as a pipeline step: named arguments as in shiplogApply.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('apply', 'shiplogApply', args)
}
