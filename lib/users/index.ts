export { CreateUserBody, UpdateUserBody, UserIdParams, UserRoutes } from './api.ts';
export { type User, UserSchema, Users } from './model.ts';
export { createUser, deleteUser, getUser, listUsers, replaceUser, updateUser } from './routes.ts';
