// GENERATED from the commands of core/src/inputs.ts by `npm run build`: do not edit (`npm run check` fails when it drifts).
// shiplog plan as a pipeline step: named arguments as in shiplogPlan.txt; returns the JSON result as a Map.
def call(Map args = [:]) {
    return shiplogCli.runOperation('plan', 'shiplogPlan', args)
}
