import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/db/client';
import { contacts, contactTags, type User } from '../../server/db/schema';
import { makeWorkspace } from '../factories/workspace';
import { callerFor } from '../helpers/auth';
import { type E2E, screenshot, signIn, startE2E } from './console';
import { screenshotFailures } from './inbox-fixtures';

let e2e: E2E;
let page: Page;
let admin: User;
let vipId: number;

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Runs `make` on each item one after another, so ids (and list order) follow the items. */
async function inOrder<T, R>(items: T[], make: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const made: R[] = [];
  for (const [i, item] of items.entries()) made.push(await make(item, i));
  return made;
}

/** A workspace an admin has been using for a while: tags, a catalog, contacts and accounts. */
async function crmWorld(user: User) {
  const crm = callerFor(user);
  const [vip, reseller, trial] = await inOrder(
    [
      { name: 'VIP', color: '#7A5AF8' },
      { name: 'Reseller', color: '#12B76A' },
      { name: 'Trial', color: null },
    ],
    (tag) => crm.tags.create(tag),
  );
  const entries = (kind: 'server' | 'device' | 'application', names: string[]) =>
    inOrder(names, (name) => crm.catalog.create({ kind, name }));
  const [servers, devices, apps] = await Promise.all([
    entries('server', ['BR-1 São Paulo', 'US-East Virginia', 'EU-West Frankfurt']),
    entries('device', ['Smart TV', 'Android phone', 'TV box']),
    entries('application', ['IPTV Smarters', 'XCIPTV']),
  ]);
  const people = await inOrder(
    [
      {
        external_id: 'cust-001',
        name: 'Maria Silva',
        phone_number: '+5511987654321',
        tags: [vip!],
      },
      { external_id: 'cust-002', name: 'Carlos Souza', phone_number: '+5521998765432', tags: [] },
      { external_id: 'cust-003', name: 'Fernanda Lima', tags: [reseller!, vip!] },
      { external_id: 'cust-004', name: null, phone_number: '+351912345678', tags: [trial!] },
    ],
    ({ tags, ...p }) => crm.contacts.create({ ...p, tag_ids: tags.map((t) => t.id) }),
  );
  // One account per contact: expiring in 3 days (highlighted), in 45 days, expired, no expiry.
  await inOrder(
    [
      ['maria.silva', day(3)],
      ['carlos.souza', day(45)],
      ['fernanda.reseller', day(-2)],
      ['pt.customer', null],
    ] as const,
    ([username, dateExp], i) =>
      crm.accounts.create({
        contact_id: people[i]!.id,
        username_final: username,
        password_final: `pw-${username}`,
        server_id: servers[i % servers.length]!.id,
        device_id: devices[i % devices.length]!.id,
        application_id: apps[i % apps.length]!.id,
        id_line_server: 100 + i,
        date_exp: dateExp,
      }),
  );
  return { vip: vip! };
}

beforeAll(async () => {
  e2e = await startE2E();
  ({ admin } = await makeWorkspace());
  vipId = (await crmWorld(admin)).vip.id;
  page = await e2e.newPage();
  await signIn(page, e2e.url, admin);
});
afterAll(() => e2e?.close());
screenshotFailures(() => page);

const contactRow = (external: string) =>
  db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, admin.workspaceId), eq(contacts.externalId, external)));
const nav = () => page.getByRole('navigation', { name: 'Main' });
const dialog = (name: string) => page.getByRole('dialog', { name });
const row = (text: string) => page.getByRole('row').filter({ hasText: text });

/** The texts an input's aria-describedby points at: what a screen reader reads with it. */
const description = (input: Locator) =>
  input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe('the CRM pages in a browser', () => {
  it('creates a contact, shows a conflict next to its field, edits, tags and deletes it', async () => {
    await nav().getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { name: 'Contacts', level: 1 }).waitFor();

    // Create.
    await page.getByRole('button', { name: 'New contact' }).click();
    const create = dialog('New contact');
    await create.getByLabel('External ID').fill('crm-1001');
    await create.getByLabel('Name', { exact: true }).fill('Joana Prado');
    await create.getByLabel('Phone number').fill('+5531991112222');
    await create.getByRole('button', { name: 'Create contact' }).click();
    await create.waitFor({ state: 'detached' });
    await row('Joana Prado').waitFor();
    expect(await contactRow('crm-1001')).toMatchObject([
      { name: 'Joana Prado', phoneNumber: '+5531991112222', notes: null },
    ]);

    // The same External ID again: the server's 409 shows under that field, and is announced.
    await page.getByRole('button', { name: 'New contact' }).click();
    const again = dialog('New contact');
    await again.getByLabel('External ID').fill('crm-1001');
    await again.getByLabel('Name', { exact: true }).fill('Joana Duplicate');
    await again.getByRole('button', { name: 'Create contact' }).click();
    await again.getByRole('alert').getByText('Please correct the fields marked below.').waitFor();
    const externalId = again.getByLabel('External ID');
    await expect(externalId.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(description(externalId)).resolves.toContain('External ID already exists');
    await screenshot(page, 'contacts-validation');
    await again.getByRole('button', { name: 'Cancel' }).click();
    expect(await contactRow('crm-1001')).toHaveLength(1);

    // Edit the name and notes.
    await page.getByRole('button', { name: 'Edit contact Joana Prado' }).click();
    const edit = dialog('Edit contact Joana Prado');
    await edit.getByLabel('Name', { exact: true }).fill('Joana P. Prado');
    await edit.getByLabel('Notes').fill('Prefers WhatsApp after 6 pm.');
    await edit.getByRole('button', { name: 'Save contact' }).click();
    await edit.waitFor({ state: 'detached' });
    await row('Joana P. Prado').waitFor();
    const [edited] = await contactRow('crm-1001');
    expect(edited).toMatchObject({ name: 'Joana P. Prado', notes: 'Prefers WhatsApp after 6 pm.' });

    // Add a tag.
    await page.getByRole('button', { name: 'Tags of contact Joana P. Prado' }).click();
    const tagging = dialog('Tags of Joana P. Prado');
    await tagging.getByText('No tags yet.').waitFor();
    await tagging.getByLabel('Tag to add').selectOption({ label: 'VIP' });
    await tagging.getByRole('button', { name: 'Add tag' }).click();
    await tagging.getByRole('button', { name: 'Remove tag VIP' }).waitFor();
    await tagging.getByRole('button', { name: 'Done' }).click();
    await row('Joana P. Prado').getByText('VIP').waitFor();
    expect(
      await db.select().from(contactTags).where(eq(contactTags.contactId, edited!.id)),
    ).toMatchObject([{ tagId: vipId }]);
    await screenshot(page, 'contacts');

    // Delete, asked twice.
    await page.getByRole('button', { name: 'Delete contact Joana P. Prado' }).click();
    await page.getByRole('button', { name: 'Confirm: Delete contact Joana P. Prado' }).click();
    await row('Joana P. Prado').waitFor({ state: 'detached' });
    expect(await contactRow('crm-1001')).toEqual([]);
    expect(
      await db.select().from(contactTags).where(eq(contactTags.contactId, edited!.id)),
    ).toEqual([]);
  });

  it('shows the tags', async () => {
    await nav().getByRole('link', { name: 'Tags' }).click();
    await page.getByRole('heading', { name: 'Tags', level: 1 }).waitFor();
    await row('Reseller').getByText('#12B76A').waitFor();
    await screenshot(page, 'tags');
  });

  it('shows the catalog: servers, devices and applications', async () => {
    await nav().getByRole('link', { name: 'Catalog' }).click();
    await page.waitForURL(/\/catalog\/servers/);
    await row('US-East Virginia').waitFor();
    await screenshot(page, 'catalog-servers');
    const sections = page.getByRole('navigation', { name: 'Catalog sections' });
    await sections.getByRole('link', { name: 'Devices' }).click();
    await row('Android phone').waitFor();
    await screenshot(page, 'catalog-devices');
    await sections.getByRole('link', { name: 'Applications' }).click();
    await row('XCIPTV').waitFor();
    await screenshot(page, 'catalog-applications');
  });

  it('shows the accounts, the one expiring this week highlighted', async () => {
    await nav().getByRole('link', { name: 'Accounts' }).click();
    const expiring = page.getByRole('region', { name: 'Expiring in the next 7 days' });
    await expiring.getByText('maria.silva').waitFor();
    await expiring.getByText('in 3 days').waitFor();
    const soon = row('maria.silva');
    await soon.getByText('Expires soon').waitFor();
    await expect(soon.getAttribute('class')).resolves.toContain('row-warning');
    await row('fernanda.reseller').getByText('Expired').waitFor();
    await expect(row('carlos.souza').getAttribute('class')).resolves.toBeNull();
    await screenshot(page, 'accounts');
  });
});
