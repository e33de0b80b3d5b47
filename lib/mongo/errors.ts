/** The invocation's database time budget ran out (mapped to 503 with Retry-After). */
export class DatabaseTimeoutError extends Error {
  readonly budgetMs: number;
  constructor(budgetMs: number) {
    super(`Database work did not finish within the ${budgetMs} ms budget`);
    this.name = 'DatabaseTimeoutError';
    this.budgetMs = budgetMs;
  }
}
