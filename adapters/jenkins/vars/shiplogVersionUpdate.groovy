// shiplog version-update as a pipeline step: named arguments as in shiplogVersionUpdate.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('version-update', 'shiplogVersionUpdate', args)
}
