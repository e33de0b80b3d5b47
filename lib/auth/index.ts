export { type Access, requireAccess } from './middleware.ts';
export { type DevTokenOptions, mintDevToken } from './mint.ts';
export { gatewayScopes, scopesOf } from './scopes.ts';
export { TokenRejected, type TokenVerifier, tokenVerifier } from './verify.ts';
