import { createFileRoute } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SetupChecklist } from '../../../components/setup-checklist';

export const Route = createFileRoute('/_authed/inbox/')({
  component: NoConversation,
});

function NoConversation() {
  const { t } = useTranslation('inbox');
  return (
    <section className="inbox-placeholder" aria-label={t('placeholder.label')}>
      <SetupChecklist />
      <p className="inbox-placeholder-title">{t('placeholder.title')}</p>
      <p>{t('placeholder.intro')}</p>
      <dl className="shortcut-list">
        <dt>
          <kbd>j</kbd> <kbd>k</kbd>
        </dt>
        <dd>{t('placeholder.nextPrevious')}</dd>
        <dt>
          <kbd>/</kbd>
        </dt>
        <dd>{t('placeholder.search')}</dd>
        <dt>
          <kbd>a</kbd>
        </dt>
        <dd>{t('placeholder.assignToMe')}</dd>
        <dt>
          <kbd>e</kbd>
        </dt>
        <dd>{t('placeholder.end')}</dd>
      </dl>
    </section>
  );
}
