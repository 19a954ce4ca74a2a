import type { Connection } from 'vscode-languageserver';
import type { Runtime } from '../runtime';
import { t } from '../service/l10n';
import { loadIndex } from '../service/registry/load';
import type { RegistryIndex } from '../service/registry/registryIndex';
import { errorMessage, loadRegistryFile, type UseRegistryResult } from '../workspace/registryFile';
import { errorText } from '../safeRequest';

/** The registry in use: the bundled one, or a registry file the client's "Update Registry from IANA" command downloaded. */
export class RegistrySource {
  private index: RegistryIndex | undefined;
  /** A downloaded registry, used instead of the bundled one. */
  file: string | undefined;
  private loading = false;

  constructor(
    private readonly connection: Connection,
    private readonly runtime: Runtime,
  ) {}

  /** The registry in use, loaded on first use; throws when not even the bundled one loads. */
  get(): RegistryIndex {
    const console = this.connection.console;
    if (!this.index && this.file) {
      try {
        this.index = loadRegistryFile(this.file);
        console.info(`IANA Ports: registry ${this.index.release} loaded from ${this.file} (${this.index.size} records)`);
      } catch (e) {
        console.error(`IANA Ports: cannot use the downloaded registry, using the bundled one: ${errorMessage(e)}`);
        this.file = undefined;
      }
    }
    if (!this.index) {
      const t0 = performance.now();
      this.index = loadIndex(this.runtime.readBundledRegistry());
      console.info(`IANA Ports: registry ${this.index.release} loaded (${this.index.size} records) in ${(performance.now() - t0).toFixed(1)} ms`);
    }
    return this.index;
  }

  /** The registry in use, or undefined when it cannot be loaded. */
  tryGet(): RegistryIndex | undefined {
    try {
      return this.get();
    } catch {
      return undefined;
    }
  }

  /** Loads the registry after start-up, once; true when it loaded now. */
  loadOnce(): boolean {
    if (this.loading) return false;
    this.loading = true;
    try {
      this.runtime.tuneHeap?.();
      this.get();
    } catch (e) {
      this.connection.console.error(`IANA Ports: cannot load the bundled registry: ${errorText(e)}`);
      return false;
    }
    return true;
  }

  /** Where the registry in use comes from, for messages. */
  get path(): string {
    return this.file ?? this.runtime.bundledRegistryPath;
  }

  /**
   * Switches registries without a restart (`changed` then tells the parts that depend on it); a file
   * that cannot be used is refused and the current registry stays.
   */
  async switchTo(what: string, file: string | undefined, load: () => RegistryIndex | Promise<RegistryIndex>, changed: () => void): Promise<UseRegistryResult> {
    try {
      const index = (this.index = await load());
      this.file = file;
      this.connection.console.info(`IANA Ports: now using registry ${index.release} from ${this.path}`);
      changed();
      return { ok: true, release: index.release, records: index.size, path: this.path };
    } catch (e) {
      const current = this.get();
      const message = t('{0}, so registry {1} stays in use: {2}', what, current.release, errorMessage(e));
      this.connection.console.error(`IANA Ports: ${message}`);
      return { ok: false, release: current.release, records: current.size, path: this.path, message };
    }
  }
}
