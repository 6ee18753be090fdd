// GENERATED from the commands of core/src/inputs.ts by `npm run build`: do not edit (`npm run check` fails when it drifts).
// shiplog approve as a pipeline step: named arguments as in shiplogApprove.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('approve', 'shiplogApprove', args)
}
