import type { WorkbenchInfo } from '../../../workers/protocol/service';

export interface HeaderProps {
  info?: WorkbenchInfo;
  mock: boolean;
  connection: 'connecting' | 'ready' | 'failed' | 'lost';
}

const CONNECTION_TEXT = { connecting: 'connecting…', ready: 'connected', failed: 'not connected', lost: 'disconnected' };

export function Header({ info, mock, connection }: HeaderProps) {
  return (
    <header className="app-header">
      <h1>PDE Workbench</h1>
      {mock && (
        <span className="mock-badge" title="?mock=1: synthetic data, no compute">
          MOCK DATA
        </span>
      )}
      <div className="header-info" data-testid="app-info">
        {info ? (
          <>
            <span>
              v<span data-testid="info-version">{info.version}</span>
            </span>
            <span>
              backend <strong data-testid="info-backend">{info.backend}</strong>
            </span>
            <span>
              shell <span data-testid="info-shell">{info.shell}</span>
            </span>
          </>
        ) : null}
        <span className={`connection connection-${connection}`} data-testid="connection-state">
          {CONNECTION_TEXT[connection]}
        </span>
      </div>
    </header>
  );
}
