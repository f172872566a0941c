import { useSuspenseQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TruncatedText } from '../../../../components/truncated-text';
import { formatNumber } from '../../../../lib/format';
import { trpc } from '../../../../lib/trpc';

/** The team now: availability, open conversations and the capacity that applies. */
export function AgentsTable() {
  const { t } = useTranslation('supervisor');
  const { data: agents } = useSuspenseQuery({
    ...trpc.assignment.agents.queryOptions(),
    refetchInterval: 30_000,
  });
  return (
    <section className="section" aria-labelledby="agents-title">
      <h2 id="agents-title">{t('agents.title')}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('agents.name')}</th>
              <th scope="col">{t('agents.availability')}</th>
              <th scope="col" className="num">
                {t('agents.open')}
              </th>
              <th scope="col" className="num">
                {t('agents.capacity')}
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.id}>
                <td>
                  <TruncatedText text={a.name} />
                  <span className="muted">{t(`roles.${a.role}`)}</span>
                </td>
                <td>
                  <span className="badge">
                    <span className={`presence presence-${a.availability}`} aria-hidden="true" />
                    {t(`availability.${a.availability}`)}
                  </span>
                </td>
                <td className="num">{formatNumber(a.load)}</td>
                <td className="num">
                  {a.effectiveCapacity === null
                    ? t('agents.noLimit')
                    : formatNumber(a.effectiveCapacity)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
