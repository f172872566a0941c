import { describe, expect, it } from 'vitest';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor, tokenFor } from './helpers/auth';
import { api, serverForThisFile } from './helpers/server';

const srv = serverForThisFile();

describe('users', () => {
  it('lets an admin create and change users, and agents list them', async () => {
    const { workspace, admin } = await makeWorkspace();
    const adminToken = await tokenFor(admin);
    const created = await api(srv.url, 'POST', '/users', {
      token: adminToken,
      body: {
        name: 'Sam Supervisor',
        email: 'sam@acme.test',
        password: 'password123',
        role: 'supervisor',
        capacity: 8,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Sam Supervisor',
      role: 'supervisor',
      capacity: 8,
      availability: 'offline',
    });
    expect(created.body).not.toHaveProperty('passwordHash');

    const patched = await api(srv.url, 'PATCH', `/users/${created.body.id}`, {
      token: adminToken,
      body: { role: 'agent', availability: 'online', capacity: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ role: 'agent', availability: 'online', capacity: null });

    const agent = await makeUser(workspace.id);
    const list = await api(srv.url, 'GET', '/users', { token: await tokenFor(agent) });
    expect(list.status).toBe(200);
    expect(list.body.map((u: { id: number }) => u.id)).toEqual(
      expect.arrayContaining([admin.id, created.body.id, agent.id]),
    );
    expect(JSON.stringify(list.body)).not.toContain('scrypt$');
  });

  it('forbids agents and supervisors from creating or promoting users', async () => {
    const { workspace } = await makeWorkspace();
    for (const role of ['agent', 'supervisor'] as const) {
      const user = await makeUser(workspace.id, { role });
      const token = await tokenFor(user);
      const create = await api(srv.url, 'POST', '/users', {
        token,
        body: { name: 'X', email: `x-${role}@acme.test`, password: 'password123' },
      });
      expect(create.status).toBe(403);
      const promote = await api(srv.url, 'PATCH', `/users/${user.id}`, {
        token,
        body: { role: 'admin' },
      });
      expect(promote.status).toBe(403);
      const err = await callerFor(user)
        .users.create({ name: 'Y', email: `y-${role}@acme.test`, password: 'password123' })
        .catch((e) => e);
      expect(err.code).toBe('FORBIDDEN');
    }
  });

  it('lets an agent set only their own availability', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const other = await makeUser(workspace.id);
    const token = await tokenFor(agent);
    const own = await api(srv.url, 'PATCH', `/users/${agent.id}`, {
      token,
      body: { availability: 'online' },
    });
    expect(own.status).toBe(200);
    expect(own.body.availability).toBe('online');
    const others = await api(srv.url, 'PATCH', `/users/${other.id}`, {
      token,
      body: { availability: 'online' },
    });
    expect(others.status).toBe(403);
    const viaTrpc = await callerFor(agent).users.setAvailability({ availability: 'away' });
    expect(viaTrpc.availability).toBe('away');
  });

  it("answers another workspace's user with 404, never 403", async () => {
    const a = await makeWorkspace();
    const b = await makeWorkspace();
    const bUser = await makeUser(b.workspace.id);
    const token = await tokenFor(a.admin);
    expect((await api(srv.url, 'GET', `/users/${bUser.id}`, { token })).status).toBe(404);
    const patch = await api(srv.url, 'PATCH', `/users/${bUser.id}`, {
      token,
      body: { name: 'Hijacked' },
    });
    expect(patch.status).toBe(404);
    expect(patch.body).toEqual({ statusCode: 404, message: 'User not found', error: 'Not Found' });
    const err = await callerFor(a.admin)
      .users.update({ id: bUser.id, patch: { name: 'Hijacked' } })
      .catch((e) => e);
    expect(err.code).toBe('NOT_FOUND');
    const list = await callerFor(a.admin).users.list();
    expect(list.map((u) => u.id)).not.toContain(bUser.id);
  });

  it('validates user input', async () => {
    const { admin } = await makeWorkspace();
    const res = await api(srv.url, 'POST', '/users', {
      token: await tokenFor(admin),
      body: { name: 'Bad', email: 'bad', password: '1', role: 'king' },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(
      expect.arrayContaining([
        'email must be a valid email',
        'role must be one of the following values: agent, supervisor, admin',
      ]),
    );
  });
});
