import type { Document } from 'bson';

/**
 * Documents are kept as deserialized JS objects (never mutated in place, replaced whole on update):
 * mingo evaluates JS objects, so storing BSON buffers would mean deserializing every document on
 * every query; the wire layer serializes replies once anyway. Each stored document caches its
 * mingo view (numbers as JS numbers, see query/view.ts), built on first use after a write.
 */
export interface StoredDoc {
  readonly id: string;
  readonly doc: Document;
  /**
   * Natural-order rank: a new document gets the next number of one process-wide counter, a replaced
   * one keeps its rank (as Map order keeps its position), so ordered index walks break ties exactly
   * like a stable sort of a scan, in every collection and transaction shadow alike. Always set by
   * `apply`; optional only so that lock/test code can describe a document without one.
   */
  readonly seq?: number;
  view?: Document;
}

/** The only ways a collection's contents change; every command goes through `Collection.apply`. */
export type WriteOp =
  | { readonly kind: 'insert'; readonly doc: Document; readonly bypassValidation?: boolean }
  | {
      readonly kind: 'replace';
      readonly id: string;
      readonly doc: Document;
      readonly bypassValidation?: boolean;
      /** Made by update operators or a pipeline (an `update` change event), not a replacement. */
      readonly byOperators?: boolean;
    }
  | { readonly kind: 'delete'; readonly id: string };
