import { describe, expect, test } from 'vitest';
import { clientUris } from './runner/uris.ts';

// useMultipleMongoses: false must reach a single mongos on a sharded cluster, and nothing else changes.
describe('spec runner client URIs', () => {
  test('a sharded seed list keeps only its first mongos for single-mongos clients', () => {
    const uri = 'mongodb://user:pw@a:27017,b:27018/?tls=false';
    expect(clientUris(uri, 'sharded')).toEqual({
      multiple: uri,
      single: 'mongodb://user:pw@a:27017/?tls=false',
    });
  });

  test('replica sets and single servers keep the URI as given', () => {
    const uri = 'mongodb://a:27017,b:27018/?replicaSet=rs0';
    expect(clientUris(uri, 'replicaset')).toEqual({ multiple: uri, single: uri });
  });
});
