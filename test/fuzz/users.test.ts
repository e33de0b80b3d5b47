import { describeFuzzedRoutes } from './support/fuzz-routes-suite.ts';

// Property-based fuzzing of the users routes: no 5xx in FUZZ_RUNS random requests per route.
describeFuzzedRoutes('fuzz_users', [
  { name: 'createUser', path: '/users', body: 'user' },
  { name: 'listUsers', path: '/users' },
  { name: 'getUser', path: '/users/{id}', idOf: 'user' },
  { name: 'updateUser', path: '/users/{id}', idOf: 'user', body: 'user' },
  { name: 'replaceUser', path: '/users/{id}', idOf: 'user', body: 'userWhole' },
  { name: 'deleteUser', path: '/users/{id}', idOf: 'user' },
]);
