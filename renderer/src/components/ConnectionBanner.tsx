export interface ConnectionBannerProps {
  phase: 'failed' | 'lost';
  message: string;
}

/** Says plainly that compute is out of reach instead of leaving a blank or frozen page. */
export function ConnectionBanner({ phase, message }: ConnectionBannerProps) {
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      <strong>{phase === 'lost' ? 'Lost connection to the compute server' : 'Could not connect to the compute server'}</strong>
      <span className="banner-detail">{message}</span>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
