import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pagination } from '../../components/pagination';
import { idListParam, pageParam, textParam } from '../../components/search-params';
import { trpc } from '../../lib/trpc';
import { ContactFilters } from './contacts/-components/contact-filters';
import { type Contact, ContactForm } from './contacts/-components/contact-form';
import {
  type ContactSearch,
  contactListInput,
  tagOptions,
} from './contacts/-components/contact-search';
import { ContactTable } from './contacts/-components/contact-table';
import { ContactTags } from './contacts/-components/contact-tags';

export const Route = createFileRoute('/_authed/contacts')({
  validateSearch: (s: Record<string, unknown>): ContactSearch => ({
    page: pageParam(s.page),
    name: textParam(s.name),
    external_id: textParam(s.external_id),
    phone_number: textParam(s.phone_number),
    tag_ids: idListParam(s.tag_ids),
  }),
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps }) => {
    void context.queryClient.prefetchQuery(tagOptions());
    await context.queryClient.ensureQueryData(
      context.trpc.contacts.list.queryOptions(contactListInput(deps)),
    );
  },
  component: ContactsPage,
});

type Editing = { mode: 'new' } | { mode: 'edit'; contact: Contact } | { mode: 'tags'; id: number };

function ContactsPage() {
  const { t } = useTranslation('crm');
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const { data } = useSuspenseQuery(trpc.contacts.list.queryOptions(contactListInput(search)));
  const tags = useQuery(tagOptions()).data?.data ?? [];
  const [editing, setEditing] = useState<Editing | null>(null);
  const filtered = Boolean(
    search.name || search.external_id || search.phone_number || search.tag_ids,
  );

  return (
    <section className="page" aria-labelledby="contacts-title">
      <header className="page-header">
        <div>
          <h1 id="contacts-title">{t('contacts.title')}</h1>
          <p>{t('contacts.intro')}</p>
        </div>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setEditing({ mode: 'new' })}
        >
          {t('contacts.new')}
        </button>
      </header>
      <ContactFilters
        search={search}
        tags={tags}
        onApply={(filters) => navigate({ search: filters })}
      />
      <ContactTable
        contacts={data.data}
        filtered={filtered}
        onEdit={(contact) => setEditing({ mode: 'edit', contact })}
        onTags={(contact) => setEditing({ mode: 'tags', id: contact.id })}
      />
      <Pagination
        {...data}
        noun={t('contacts.noun')}
        onPage={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
      />
      {editing?.mode === 'new' && <ContactForm tags={tags} onClose={() => setEditing(null)} />}
      {editing?.mode === 'edit' && (
        <ContactForm contact={editing.contact} tags={tags} onClose={() => setEditing(null)} />
      )}
      {editing?.mode === 'tags' && (
        <ContactTags contactId={editing.id} tags={tags} onClose={() => setEditing(null)} />
      )}
    </section>
  );
}
