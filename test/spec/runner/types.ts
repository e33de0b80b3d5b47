import type { Document } from 'mongodb';

/** The parts of the unified test format (schema 1.x) this runner reads. */
export interface SpecFile {
  readonly description: string;
  readonly schemaVersion: string;
  readonly runOnRequirements?: readonly RunOnRequirement[];
  readonly createEntities?: readonly EntityDescription[];
  readonly initialData?: readonly CollectionData[];
  readonly tests: readonly SpecTest[];
}

export interface RunOnRequirement {
  readonly minServerVersion?: string;
  readonly maxServerVersion?: string;
  readonly topologies?: readonly string[];
  readonly serverless?: 'require' | 'forbid' | 'allow';
  readonly auth?: boolean;
  readonly authMechanism?: string;
  readonly csfle?: boolean | Document;
  readonly serverParameters?: Document;
}

/** One `createEntities` element: a single key naming the entity type. */
export type EntityDescription = Readonly<Record<string, Document>>;

export interface CollectionData {
  readonly collectionName: string;
  readonly databaseName: string;
  readonly createOptions?: Document;
  readonly documents: readonly Document[];
}

export interface SpecTest {
  readonly description: string;
  readonly runOnRequirements?: readonly RunOnRequirement[];
  readonly skipReason?: string;
  readonly operations: readonly Operation[];
  readonly expectEvents?: readonly ExpectedEventsForClient[];
  readonly outcome?: readonly CollectionData[];
}

export interface Operation {
  readonly name: string;
  readonly object: string;
  readonly arguments?: Document;
  readonly ignoreResultAndError?: boolean;
  readonly expectError?: ExpectedError;
  readonly expectResult?: unknown;
  readonly saveResultAsEntity?: string;
}

export interface ExpectedError {
  readonly isError?: true;
  readonly isClientError?: boolean;
  readonly isTimeoutError?: boolean;
  readonly errorContains?: string;
  readonly errorCode?: number;
  readonly errorCodeName?: string;
  readonly errorLabelsContain?: readonly string[];
  readonly errorLabelsOmit?: readonly string[];
  readonly writeErrors?: Document;
  readonly writeConcernErrors?: readonly Document[];
  readonly errorResponse?: Document;
  readonly expectResult?: unknown;
}

export interface ExpectedEventsForClient {
  readonly client: string;
  readonly eventType?: 'command' | 'cmap' | 'sdam';
  readonly events: readonly Document[];
  readonly ignoreExtraEvents?: boolean;
}
