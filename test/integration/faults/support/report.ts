/**
 * Measured figures of a fault or load test (latency to 503, counts), printed when FAULTS_REPORT
 * is set so that `npm test` stays quiet and a run for the README can collect them.
 */
export function report(scenario: string, figures: Record<string, unknown>): void {
  if (!process.env.FAULTS_REPORT) return;
  process.stdout.write(`[faults] ${scenario} ${JSON.stringify(figures)}\n`);
}
