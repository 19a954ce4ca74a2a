import type { Connection } from 'vscode-languageserver';
import { LOOKUP_REQUEST, REGISTRY_INFO_REQUEST, type LookupParams } from '../protocol';
import type { Runtime } from '../runtime';
import { t } from '../service/l10n';
import { lookupCards, registryInfo } from '../service/lookup';
import { loadIndex } from '../service/registry/load';
import { IMPORT_REGISTRY_REQUEST, importRegistry, loadRegistryFile, USE_REGISTRY_REQUEST, type ImportRegistryParams, type UseRegistryResult } from '../workspace/registryFile';
import { errorText, safeRequest } from '../safeRequest';
import type { RegistrySource } from './registrySource';

/**
 * The client's registry commands: look-up, the registry in use, switching to a file, importing a
 * download. `changed` tells the parts that depend on the registry that another one is in use.
 */
export function attachRegistryRequests(connection: Connection, runtime: Runtime, registry: RegistrySource, changed: () => void): void {
  connection.onRequest(LOOKUP_REQUEST, (params: LookupParams, token) =>
    safeRequest(token, [], () => lookupCards(registry.get(), String(params?.query ?? ''), params?.limit ?? 200), (e) => connection.console.error(`IANA Ports: ${errorText(e)}`)));
  connection.onRequest(REGISTRY_INFO_REQUEST, () => registryInfo(registry.get(), registry.path));
  connection.onRequest(USE_REGISTRY_REQUEST, (params: { path?: string | null } | undefined): Promise<UseRegistryResult> => {
    const file = typeof params?.path === 'string' && params.path ? params.path : undefined;
    return registry.switchTo(t('The registry file cannot be used'), file, () => (file ? loadRegistryFile(file) : loadIndex(runtime.readBundledRegistry())), changed);
  });
  // Converts and validates a download of IANA's registry; the stored file is replaced only by a registry that loaded.
  connection.onRequest(IMPORT_REGISTRY_REQUEST, (params: ImportRegistryParams | undefined): Promise<UseRegistryResult> => {
    const source = typeof params?.source === 'string' ? params.source : '';
    const target = typeof params?.target === 'string' ? params.target : '';
    const options = { source, target, origin: typeof params?.origin === 'string' ? params.origin : undefined, minRecords: typeof params?.minRecords === 'number' ? params.minRecords : undefined };
    return registry.switchTo(t('The downloaded registry was refused and nothing stored was changed'), target, async () => {
      if (!source || !target) throw new Error(t('the request names no downloaded file or no target'));
      // IANA's XML is converted in the scan thread (about 0.5 s); the result is checked and stored here.
      return importRegistry(options, runtime.offThread ? await runtime.offThread.convert(options) : undefined);
    }, changed);
  });
}
