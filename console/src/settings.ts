/** Public settings from the gateway (`/console/settings.json`). */
export interface ConsoleSettings {
  mode: 'development' | 'production';
  developmentSignIn: boolean;
  oidc: { agency: string; issuer: string; clientId: string; scope: string }[];
}

export async function loadSettings(): Promise<ConsoleSettings> {
  const response = await fetch('/console/settings.json');
  if (!response.ok) throw new Error(`settings: HTTP ${response.status}`);
  return await response.json() as ConsoleSettings;
}
