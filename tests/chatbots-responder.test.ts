import { afterEach, describe, expect, it } from 'vitest';
import { config } from '../server/config';
import { makeUser } from './factories/user';
import { makeWorkspace } from './factories/workspace';
import { callerFor } from './helpers/auth';
import { useOpenAI } from './helpers/worker';

afterEach(() => useOpenAI(false));

describe('chatbots.responder: which responder answers a chatbot, and why', () => {
  it('says the built-in responder answers when the server has no OPENAI_API_KEY', async () => {
    useOpenAI(false);
    const { admin } = await makeWorkspace();
    const bot = await callerFor(admin).chatbots.create({ name: 'Help', model: 'gpt-4o-mini' });
    await expect(callerFor(admin).chatbots.responder({ id: bot.id })).resolves.toEqual({
      kind: 'builtin',
      label: 'Built-in responder',
      reason: expect.stringMatching(/^No OPENAI_API_KEY is configured on the server/),
    });
  });

  it("names the chatbot's model when a key is configured, and the host of a compatible server", async () => {
    useOpenAI(true);
    const { admin } = await makeWorkspace();
    const bot = await callerFor(admin).chatbots.create({ name: 'Help', model: 'gpt-4o-mini' });
    await expect(callerFor(admin).chatbots.responder({ id: bot.id })).resolves.toMatchObject({
      kind: 'openai',
      label: 'OpenAI model gpt-4o-mini',
      model: 'gpt-4o-mini',
      host: null,
    });
    config.OPENAI_BASE_URL = 'http://llm.internal:8080/v1';
    await expect(callerFor(admin).chatbots.responder({ id: bot.id })).resolves.toMatchObject({
      label: 'OpenAI-compatible model gpt-4o-mini at llm.internal:8080',
      model: 'gpt-4o-mini',
      host: 'llm.internal:8080',
    });
  });

  it('says AI replies are off whatever the key, and an agent may read it', async () => {
    useOpenAI(true);
    const { admin } = await makeWorkspace();
    const agent = await makeUser(admin.workspaceId, { role: 'agent' });
    const bot = await callerFor(admin).chatbots.create({ name: 'Quiet', aiEnabled: false });
    await expect(callerFor(agent).chatbots.responder({ id: bot.id })).resolves.toMatchObject({
      kind: 'off',
      label: 'AI replies off',
    });
  });

  it("does not describe another workspace's chatbot", async () => {
    const { admin } = await makeWorkspace();
    const other = await makeWorkspace();
    const bot = await callerFor(other.admin).chatbots.create({ name: 'Theirs' });
    await expect(callerFor(admin).chatbots.responder({ id: bot.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
