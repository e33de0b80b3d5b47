// `npm run token [-- --scope api/write --scope other --sub alice --expires 2h]`: prints an HS256
// development token signed with the development key (AUTH_DEV_SECRET, else the documented
// default), for local runs: `curl -H "Authorization: Bearer $(npm run -s token -- --write)"`.
// `--write` adds AUTH_WRITE_SCOPE (default api/write); without any scope the token only reads.
// A stage configured with AUTH_ISSUER never accepts it.
import { parseArgs } from 'node:util';
import { mintDevToken } from '#lib/auth/index.ts';
import { getAuthConfig } from '#lib/config/index.ts';

const { values } = parseArgs({
  options: {
    scope: { type: 'string', multiple: true, default: [] },
    write: { type: 'boolean', default: false },
    sub: { type: 'string', default: 'dev-user' },
    expires: { type: 'string', default: '1h' },
  },
});
try {
  const config = getAuthConfig();
  if (config.keys.kind !== 'dev') {
    throw new Error(
      'AUTH_ISSUER is set: tokens come from that issuer, not from the development key',
    );
  }
  const scopes = [...values.scope, ...(values.write ? [config.writeScope] : [])];
  const token = await mintDevToken({
    scopes,
    subject: values.sub,
    expiresIn: values.expires,
    secret: config.keys.secret,
  });
  console.log(token);
} catch (error) {
  console.error('token:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
