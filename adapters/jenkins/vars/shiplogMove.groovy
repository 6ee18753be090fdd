// shiplog move as a pipeline step: named arguments as in shiplogMove.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('move', 'shiplogMove', args)
}
