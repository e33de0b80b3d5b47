import { describe, expect, it } from 'vitest';
import { ConfigError } from '#lib/config/index.ts';
import { parseObservabilityConfig } from '#lib/config/observability.ts';

describe('parseObservabilityConfig', () => {
  it('has documented defaults', () => {
    expect(parseObservabilityConfig({})).toEqual({
      serviceName: 'lambda-mongo-kit',
      logLevel: 'INFO',
      slowOperationMs: 500,
      metricsNamespace: 'LambdaMongoKit',
      metricsEnabled: true,
    });
  });

  it('reads every variable, levels in any case, empty strings as unset', () => {
    expect(
      parseObservabilityConfig({
        SERVICE_NAME: 'books-api',
        LOG_LEVEL: 'warn',
        SLOW_OPERATION_MS: '0',
        METRICS_NAMESPACE: 'Team/Books',
        METRICS_ENABLED: 'false',
        AWS_REGION: '',
      }),
    ).toEqual({
      serviceName: 'books-api',
      logLevel: 'WARN',
      slowOperationMs: 0,
      metricsNamespace: 'Team/Books',
      metricsEnabled: false,
    });
    expect(parseObservabilityConfig({ LOG_LEVEL: '' }).logLevel).toBe('INFO');
  });

  it('names each bad variable and never echoes its value', () => {
    const bad = {
      LOG_LEVEL: 'chatty-secret',
      SLOW_OPERATION_MS: '-1',
      METRICS_ENABLED: 'yes-secret',
      SERVICE_NAME: 'has spaces secret',
    };
    let error: unknown;
    try {
      parseObservabilityConfig(bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables.toSorted()).toEqual([
      'LOG_LEVEL',
      'METRICS_ENABLED',
      'SERVICE_NAME',
      'SLOW_OPERATION_MS',
    ]);
    expect((error as Error).message).not.toContain('secret');
  });
});
