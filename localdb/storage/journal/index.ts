export { journalCommandHook, wantsJournal } from './command-hook.ts';
export { Journal, type JournalStats } from './journal.ts';
export type { JournalHost } from './load.ts';
export { JOURNAL_DEFAULTS, type JournalOptions } from './options.ts';
