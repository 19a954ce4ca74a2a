/*
 * The custom requests and notifications between the extension (client/src) and the language server:
 * their names, parameters and results, in one file both sides import. Types and string constants only,
 * so that the client's bundle takes nothing else from the server (test/unit/architecture.test.ts).
 */

/** IANA's official XML of the Service Name and Transport Protocol Port Number Registry, the default registry URL. */
export const IANA_REGISTRY_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml';

/** Request: registry cards for a port number, service name or words of a description. */
export const LOOKUP_REQUEST = 'ianaPorts/lookup';
export interface LookupParams {
  query: string;
  limit?: number;
}
/** One card of a look-up: the same markdown the hover shows. */
export interface LookupCard {
  label: string;
  description: string;
  detail: string;
  port: number | null;
  name: string;
  /** The same markdown card the hover shows. */
  markdown: string;
}

/** Request (no parameters): which registry release is in use, as markdown and as its release name. */
export const REGISTRY_INFO_REQUEST = 'ianaPorts/registryInfo';

/** Request: switch to the registry file at `path`, or back to the bundled one when `path` is null. */
export const USE_REGISTRY_REQUEST = 'ianaPorts/useRegistry';
/** Request: convert a downloaded IANA XML or CSV file, validate it, store it at `target` and use it. */
export const IMPORT_REGISTRY_REQUEST = 'ianaPorts/importRegistry';
/** The result of USE_REGISTRY_REQUEST and IMPORT_REGISTRY_REQUEST. */
export interface UseRegistryResult {
  ok: boolean;
  /** The release in use after the request. */
  release: string;
  records: number;
  /** The file in use after the request. */
  path: string;
  /** Why the file was refused. */
  message?: string;
}

/** Request: every port used in the workspace, for the Ports view. */
export const WORKSPACE_PORTS_REQUEST = 'ianaPorts/workspacePorts';
/** Notification: the workspace's ports changed; the Ports view asks again. */
export const WORKSPACE_PORTS_CHANGED = 'ianaPorts/workspacePortsChanged';
/** Request: the indexer's progress and figures. */
export const INDEX_STATUS_REQUEST = 'ianaPorts/indexStatus';
