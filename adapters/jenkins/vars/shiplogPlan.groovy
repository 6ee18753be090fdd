// shiplog plan as a pipeline step: named arguments as in shiplogPlan.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('plan', 'shiplogPlan', args)
}
