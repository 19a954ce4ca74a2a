import type { Connection } from 'vscode-languageserver';
import { resolveSettings, type Settings } from '../service/settings';
import type { ClientFeatures } from './clientFeatures';

/** Settings per document: asked of the client where it answers `workspace/configuration`, else the ones it sends. */
export class SettingsSource {
  private globalSettings: unknown = undefined;
  private readonly cache = new Map<string, Promise<Settings>>();
  // Without workspace/configuration, one settings object until they change: the caches keyed by settings
  // (a large document's check in the scan thread, its scan here) then serve every request.
  private resolvedGlobal: Promise<Settings> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly client: ClientFeatures,
  ) {}

  /** The settings the client sent at initialize (`initializationOptions.settings`). */
  initialize(settings: unknown): void {
    this.globalSettings = settings;
  }

  for(uri: string): Promise<Settings> {
    if (!this.client.hasConfiguration) return (this.resolvedGlobal ??= Promise.resolve(resolveSettings(this.globalSettings)));
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'ianaPorts' })
        .then(resolveSettings, () => resolveSettings(undefined));
      this.cache.set(uri, p);
    }
    return p;
  }

  /** The client said the settings changed; `pushed` is what it sent with the notification. */
  changed(pushed: unknown): void {
    this.cache.clear();
    this.resolvedGlobal = undefined;
    if (!this.client.hasConfiguration) this.globalSettings = (pushed as { ianaPorts?: unknown } | undefined)?.ianaPorts;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
