/*
 * The part of jose that verify.ts uses, as one module to import dynamically: `import('jose')`
 * itself would keep every jose export in the bundle (45 KiB more than these).
 */
export { createRemoteJWKSet, errors, jwtVerify } from 'jose';
