/** Thrown anywhere in a test run to mark the test skipped (not failed), with the reason printed. */
export class SkipTest extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipTest';
  }
}

/** The reason a test is skipped when the server rejects `configureFailPoint`. */
export const FAIL_POINT_SKIP_REASON = 'needs failCommand fail points (issue 3)';
