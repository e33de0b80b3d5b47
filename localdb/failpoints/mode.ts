import type { Document } from 'bson';
import { CommandError } from '../errors.ts';

/** When a fail point fires, as `configureFailPoint`'s `mode` says (mongod's FailPoint modes). */
export type FailPointMode =
  | { readonly kind: 'off' }
  | { readonly kind: 'alwaysOn' }
  | { readonly kind: 'times'; readonly n: number }
  | { readonly kind: 'skip'; readonly n: number }
  | { readonly kind: 'activationProbability'; readonly p: number };

const MODE_KEYS = ['times', 'skip', 'activationProbability'] as const;

/** Parses `mode`: 'off', 'alwaysOn', or an object with exactly one of times / skip / activationProbability. */
export function parseMode(mode: unknown): FailPointMode {
  if (mode === 'off' || mode === 'alwaysOn') return { kind: mode };
  if (mode === null || typeof mode !== 'object' || Array.isArray(mode)) {
    throw new CommandError(
      'BadValue',
      "'mode' must be one of 'off', 'alwaysOn', 'times', 'skip' and 'activationProbability'",
    );
  }
  const keys = Object.keys(mode);
  const key = MODE_KEYS.find((name) => keys.includes(name));
  if (!key || keys.length !== 1) {
    throw new CommandError(
      'BadValue',
      "'mode' must have exactly one of 'times', 'skip' and 'activationProbability'",
    );
  }
  const value = Number((mode as Document)[key]);
  if (key === 'activationProbability') {
    if (!(value >= 0 && value <= 1)) {
      throw new CommandError('BadValue', 'activationProbability must be between 0.0 and 1.0');
    }
    return { kind: key, p: value };
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new CommandError('BadValue', `'${key}' option to 'mode' must be a non-negative integer`);
  }
  return { kind: key, n: value };
}

/**
 * One named fail point: its mode, its data, and how many times it has fired since the server started
 * (what configureFailPoint answers as `count`, never reset, as in mongod).
 */
export class FailPoint<Data> {
  private mode: FailPointMode = { kind: 'off' };
  private data: Data | undefined;
  private remaining = 0;
  private entered = 0;

  get timesEntered(): number {
    return this.entered;
  }

  get isOn(): boolean {
    return this.mode.kind !== 'off';
  }

  /** Replaces mode and data; returns the times entered before this call. */
  configure(mode: FailPointMode, data: Data): number {
    this.mode = mode;
    this.data = data;
    this.remaining = mode.kind === 'times' || mode.kind === 'skip' ? mode.n : 0;
    if (mode.kind === 'times' && mode.n === 0) this.mode = { kind: 'off' };
    return this.entered;
  }

  /**
   * The data when the fail point fires for this candidate, else undefined. The predicate runs first
   * (as mongod's shouldFail(pred)), so candidates it rejects consume neither `times` nor `skip`.
   */
  fire(predicate: (data: Data) => boolean): Data | undefined {
    const data = this.data;
    if (this.mode.kind === 'off' || data === undefined || !predicate(data)) return undefined;
    if (!this.consume()) return undefined;
    this.entered += 1;
    return data;
  }

  private consume(): boolean {
    switch (this.mode.kind) {
      case 'alwaysOn':
        return true;
      case 'times':
        this.remaining -= 1;
        if (this.remaining <= 0) this.mode = { kind: 'off' };
        return true;
      case 'skip':
        if (this.remaining === 0) return true;
        this.remaining -= 1;
        return false;
      case 'activationProbability':
        return Math.random() < this.mode.p;
      default:
        return false;
    }
  }
}
