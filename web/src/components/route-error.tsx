import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../lib/errors';

export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  const retry = () => {
    reset();
    void router.invalidate();
  };
  return (
    <div className="status-page" role="alert">
      <h1>{t('routeError.title')}</h1>
      <p>{errorMessage(error)}</p>
      <button type="button" className="button" onClick={retry}>
        {t('routeError.retry')}
      </button>
    </div>
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="status-page">
      <h1>{t('routeError.notFound')}</h1>
      <p>{t('routeError.nothingHere')}</p>
      <Link to="/inbox" className="button">
        {t('routeError.toInbox')}
      </Link>
    </div>
  );
}
