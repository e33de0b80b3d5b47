import { isDocument, numericValue } from './bson-values.ts';
import type { ServerInfo } from './server-info.ts';
import type { RunOnRequirement } from './types.ts';

function parseVersion(text: string): number[] {
  return text.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function equalParameter(expected: unknown, actual: unknown): boolean {
  const expectedNumber = numericValue(expected);
  if (expectedNumber !== undefined) return numericValue(actual) === expectedNumber;
  if (isDocument(expected)) {
    return (
      isDocument(actual) &&
      Object.entries(expected).every(([key, value]) => equalParameter(value, actual[key]))
    );
  }
  return expected === actual;
}

/** Why one requirement is unmet, or undefined when the server satisfies it. */
async function unmet(
  requirement: RunOnRequirement,
  server: ServerInfo,
): Promise<string | undefined> {
  const version = server.version.join('.');
  if (
    requirement.minServerVersion &&
    compareVersions(server.version, parseVersion(requirement.minServerVersion)) < 0
  ) {
    return `server ${version} < minServerVersion ${requirement.minServerVersion}`;
  }
  if (
    requirement.maxServerVersion &&
    compareVersions(server.version, parseVersion(requirement.maxServerVersion)) > 0
  ) {
    return `server ${version} > maxServerVersion ${requirement.maxServerVersion}`;
  }
  if (requirement.topologies) {
    const accepted = requirement.topologies.map((t) =>
      t === 'sharded-replicaset' ? 'sharded' : t,
    );
    if (!accepted.includes(server.topology)) {
      return `topology ${server.topology} not in [${requirement.topologies.join(', ')}]`;
    }
  }
  if (requirement.serverless === 'require' && !server.serverless) return 'requires serverless';
  if (requirement.serverless === 'forbid' && server.serverless) return 'forbids serverless';
  if (requirement.auth === true && !server.auth) return 'requires auth';
  if (requirement.auth === false && server.auth) return 'requires no auth';
  if (requirement.authMechanism) return `requires auth mechanism ${requirement.authMechanism}`;
  if (requirement.csfle) return 'requires client-side encryption (csfle)';
  if (requirement.serverParameters) {
    const parameters = await server.parameters();
    for (const [name, value] of Object.entries(requirement.serverParameters)) {
      if (!equalParameter(value, parameters[name]))
        return `server parameter ${name} is not ${JSON.stringify(value)}`;
    }
  }
  return undefined;
}

/**
 * Undefined when any requirement (or none given) is met; otherwise the reasons, joined, used as
 * the printed skip reason.
 */
export async function unmetRequirements(
  requirements: readonly RunOnRequirement[] | undefined,
  server: ServerInfo,
): Promise<string | undefined> {
  if (!requirements || requirements.length === 0) return undefined;
  const reasons: string[] = [];
  for (const requirement of requirements) {
    const reason = await unmet(requirement, server);
    if (reason === undefined) return undefined;
    reasons.push(reason);
  }
  return `runOnRequirements unmet: ${[...new Set(reasons)].join('; ')}`;
}
