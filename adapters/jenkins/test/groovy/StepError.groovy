// What the `error` step throws in the harness (Jenkins aborts the build with the message).
class StepError extends RuntimeException {
    StepError(String message) { super(message) }
}
