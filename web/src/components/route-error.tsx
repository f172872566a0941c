import { type ErrorComponentProps, Link, useRouter } from '@tanstack/react-router';
import { errorMessage } from '../lib/errors';

export function RouteError({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const retry = () => {
    reset();
    void router.invalidate();
  };
  return (
    <div className="status-page" role="alert">
      <h1>Something went wrong</h1>
      <p>{errorMessage(error)}</p>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

export function NotFound() {
  return (
    <div className="status-page">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/inbox" className="button">
        Go to the inbox
      </Link>
    </div>
  );
}
