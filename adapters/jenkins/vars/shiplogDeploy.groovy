// shiplog deploy as a pipeline step: named arguments as in shiplogDeploy.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('deploy', 'shiplogDeploy', args)
}
