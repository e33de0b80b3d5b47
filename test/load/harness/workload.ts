import { ObjectId } from 'mongodb';
import type { Send, Sent } from './run-load.ts';

/** Every other create goes through PUT (steps 3, 9, 15, …: the create phase of odd rounds). */
export const isPutStep = (step: number) => step % 6 === 3;

/** A transport-neutral request: what both the in-process and the HTTP targets can send. */
export interface Request {
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly body?: object;
}

export type Transport = (request: Request) => Promise<{ status: number; body: unknown }>;

/**
 * The load's request mix, per client: create a user, read it back by id, list a page; repeat.
 * Creates alternate between POST /users and PUT /users/{id} at an ObjectId the client made.
 * Names are unique per run, client and step, so acknowledged writes can be looked up afterwards.
 */
export function usersWorkload(run: string, transport: Transport): Send {
  const lastId = new Map<number, string>();
  return async (client, step): Promise<Sent> => {
    const phase = step % 3;
    const id = lastId.get(client);
    if (phase === 0 || id === undefined) {
      const name = `${run}-c${client}-s${step}`;
      const put = isPutStep(step);
      const answer = await transport(
        put
          ? { method: 'PUT', path: `/users/${new ObjectId().toHexString()}`, body: { name } }
          : { method: 'POST', path: '/users', body: { name } },
      );
      const created = (answer.body as { _id?: unknown } | undefined)?._id;
      if (answer.status === 201 && typeof created === 'string') lastId.set(client, created);
      return { status: answer.status, wrote: name };
    }
    const path = phase === 1 ? `/users/${id}` : '/users?limit=10';
    return { status: (await transport({ method: 'GET', path })).status };
  };
}
