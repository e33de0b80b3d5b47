import { WireLimits } from '../../wire/limits.ts';
import type { CommandHandler } from '../types.ts';

const buildInfo: CommandHandler = (_command, { server }) => ({
  version: server.version.version,
  gitVersion: 'localdb',
  versionArray: [...server.version.versionArray],
  bits: 64,
  debug: false,
  maxBsonObjectSize: WireLimits.maxBsonObjectSize,
  storageEngines: ['localdb'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled' },
  buildEnvironment: { target_os: process.platform, target_arch: process.arch },
});

export const buildInfoCommands = Object.freeze({ buildInfo, buildinfo: buildInfo });
