// shiplog envscript as a pipeline step: named arguments as in shiplogEnvscript.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('envscript', 'shiplogEnvscript', args)
}
