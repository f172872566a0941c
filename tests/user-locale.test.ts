import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';

describe("a user's console language", () => {
  it('is chosen by the user for themself, read back by auth.me, and cleared with null', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    const me = callerFor(agent);
    expect((await me.auth.me()).locale).toBeNull();
    expect((await me.auth.setLocale({ locale: 'pt-BR' })).locale).toBe('pt-BR');
    expect((await me.auth.me()).locale).toBe('pt-BR');
    await me.auth.setLocale({ locale: 'es' });
    expect((await me.auth.me()).locale).toBe('es');
    await me.auth.setLocale({ locale: null });
    expect((await me.auth.me()).locale).toBeNull();
  });

  it("changes nobody else's", async () => {
    const { workspace, admin } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    await callerFor(agent).auth.setLocale({ locale: 'es' });
    expect((await callerFor(admin).auth.me()).locale).toBeNull();
    expect((await callerFor(agent).auth.me()).locale).toBe('es');
  });

  it('refuses a language the console does not speak, and a signed-out caller', async () => {
    const { workspace } = await makeWorkspace();
    const agent = await makeUser(workspace.id);
    for (const locale of ['fr', 'pt', 'EN', '', 42]) {
      const refused = await callerFor(agent)
        // biome-ignore lint/suspicious/noExplicitAny: a client that sends what it likes
        .auth.setLocale({ locale } as any)
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    }
    const anonymous = await callerFor(null)
      .auth.setLocale({ locale: 'es' })
      .catch((e: unknown) => e);
    expect((anonymous as TRPCError).code).toBe('UNAUTHORIZED');
    expect((await callerFor(agent).auth.me()).locale).toBeNull();
  });
});
