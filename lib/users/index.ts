export { USERS_COLLECTION, usersCollection } from './collection.ts';
export { pageLinks } from './links.ts';
export {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  type UsersDeps,
  updateUser,
} from './routes.ts';
export {
  CreateUserBody,
  type ListUsers,
  ListUsersQuery,
  PAGE_SIZE,
  type UpdateUser,
  UpdateUserBody,
  type User,
  UserIdParams,
  UserSchema,
} from './schema.ts';
export { setupUsersCollection } from './setup.ts';
