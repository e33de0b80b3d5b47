// PLACEHOLDER owned by the storage agent: exports the data commands' handlers.
import type { CommandTable } from '../types.ts';

export const dataCommands: CommandTable = Object.freeze({});
