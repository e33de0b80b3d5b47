import type { Document } from 'bson';

/** MongoDB's own error codes and names (src/mongo/base/error_codes.yml), the subset localdb answers with. */
export const ErrorCode = Object.freeze({
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  MaxTimeMSExpired: 50,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  DocumentValidationFailure: 121,
  OperationNotSupportedInTransaction: 263,
  NoSuchTransaction: 251,
  TransactionTooOld: 225,
  IndexAlreadyExists: 68,
  InvalidIdField: 53,
  ConflictingUpdateOperators: 40,
  Location40352: 40352,
  DuplicateKey: 11000,
  CannotCreateIndex: 67,
  InvalidIndexSpecificationOption: 197,
  Location40415: 40415,
  InvalidPipelineOperator: 168,
  QueryFeatureNotAllowed: 224,
  Location40324: 40324,
  Location40414: 40414,
  DollarPrefixedFieldName: 52,
  CommandNotSupported: 115,
  MergeStageNoMatchingDocument: 13113,
  ProtocolError: 17,
  UnsupportedOpQueryCommand: 352,
  BSONObjectTooLarge: 10334,
  Location40571: 40571,
  Location40169: 40169,
  Location40170: 40170,
  Location40171: 40171,
  Location40600: 40600,
  Location40601: 40601,
  Location40602: 40602,
  Location51047: 51047,
  Location31441: 31441,
  Location15998: 15998,
  Location15983: 15983,
  Location40218: 40218,
  NoQueryExecutionPlans: 291,
  Location51108: 51108,
  Location51091: 51091,
  Location5687301: 5687301,
  Location51276: 51276,
  Location31393: 31393,
  Location40093: 40093,
  Location28667: 28667,
  ConversionFailure: 241,
  Location5626500: 5626500,
  Location40234: 40234,
  Location15952: 15952,
  Location17313: 17313,
  Location16410: 16410,
  Location16412: 16412,
  ConflictingOperationInProgress: 117,
  TransactionCommitted: 256,
  SnapshotUnavailable: 246,
  NoMatchingDocument: 47,
  PathNotViable: 28,
  EmptyFieldName: 56,
  ViewDepthLimitExceeded: 149,
  CommandNotSupportedOnView: 166,
  OptionNotSupportedOnView: 167,
  GraphContainsCycle: 5463,
  CappedPositionLost: 136,
  QueryPlanKilled: 175,
  InvalidResumeToken: 260,
  ChangeStreamFatalError: 280,
  ChangeStreamHistoryLost: 286,
  Location50865: 50865,
  Location40674: 40674,
  Location50808: 50808,
  Location16020: 16020,
  Location28756: 28756,
  Location28757: 28757,
  Location28758: 28758,
  Location28759: 28759,
  Location28761: 28761,
  Location28765: 28765,
  Location28766: 28766,
  Location16610: 16610,
  Location16608: 16608,
  Location16554: 16554,
  Location16555: 16555,
  Location16556: 16556,
  Location16609: 16609,
  Location16611: 16611,
  Location40091: 40091,
  Location17124: 17124,
  Location40087: 40087,
  Location40066: 40066,
  Location40228: 40228,
  Location51173: 51173,
  Location51174: 51174,
  Location40092: 40092,
  Location40096: 40096,
  Location40097: 40097,
} as const);

export type ErrorCodeName = keyof typeof ErrorCode;

/**
 * A command failure answered as `{ ok: 0, errmsg, code, codeName, ...extra }`.
 * `extra` carries MongoDB's additional reply fields (keyPattern, keyValue, errInfo, errorLabels...).
 */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(
    codeName: ErrorCodeName,
    message: string,
    extra: Document = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CommandError';
    this.code = ErrorCode[codeName];
    this.codeName = codeName;
    this.extra = extra;
  }

  toReply(): Document {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The shape of one entry of a write command's `writeErrors` array. */
  toWriteError(index: number): Document {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}
