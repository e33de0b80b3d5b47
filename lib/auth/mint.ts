import { SignJWT } from 'jose';
import { DEV_AUTH_AUDIENCE, DEV_AUTH_ISSUER, DEV_AUTH_SECRET } from '#lib/config/auth.ts';

export interface DevTokenOptions {
  readonly scopes?: readonly string[];
  readonly subject?: string;
  /** jose time span (`'1h'`, `'30m'`) or seconds since the epoch; negative spans give expired tokens. */
  readonly expiresIn?: string | number;
  readonly secret?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** An HS256 token for the development key (`npm run token`, tests); never accepted in AWS. */
export function mintDevToken(options: DevTokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({ scope: (options.scopes ?? []).join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? DEV_AUTH_ISSUER)
    .setAudience(options.audience ?? DEV_AUTH_AUDIENCE)
    .setSubject(options.subject ?? 'dev-user')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h');
  return jwt.sign(new TextEncoder().encode(options.secret ?? DEV_AUTH_SECRET));
}
