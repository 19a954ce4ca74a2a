import type { Runtime } from '../runtime';

/** What the client sends in `initializationOptions` when the server runs in a web worker. */
export interface WebInitializationOptions {
  /** The text of the extension's data/registry.json, which a web worker cannot read itself. */
  bundledRegistry?: string;
}

/**
 * The server's host in a web worker: no file system. The client reads the bundled registry from the
 * extension's files (through VS Code's file system API, which reaches a remote or a CDN alike) and
 * hands it over at initialize. Workspace folders are not walked: their files are reached only as
 * documents the editor opens, so cross-file features cover the open files (the manifest declares
 * this in `capabilities.virtualWorkspaces`).
 */
export function browserRuntime(): Runtime {
  let text: string | undefined;
  return {
    bundledRegistryPath: 'data/registry.json',
    walksFolders: false,
    initializationOptions(options: unknown) {
      const t = (options as WebInitializationOptions | undefined)?.bundledRegistry;
      if (typeof t === 'string') text = t;
    },
    readBundledRegistry() {
      if (text === undefined) throw new Error('the client sent no registry (initializationOptions.bundledRegistry)');
      return text;
    },
  };
}
