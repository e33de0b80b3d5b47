// The handlers invoked in-process write one JSON line per invocation to stdout
// (lib/observability), which buried the test report in CI (~1,500 lines). Those lines are
// dropped here unless TEST_LOGS=1. Tests that read them spy on process.stdout.write, which sits
// above this filter, so they still see every line.
if (process.env.TEST_LOGS !== '1') {
  const write = process.stdout.write.bind(process.stdout) as (...args: unknown[]) => boolean;
  const isLogLine = (chunk: unknown) =>
    typeof chunk === 'string' && (chunk.startsWith('{"level":') || chunk.startsWith('{"_aws":'));
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    isLogLine(chunk) ? true : write(chunk, ...rest)) as typeof process.stdout.write;
}
