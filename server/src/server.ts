import type { Connection } from 'vscode-languageserver';
import type { Runtime } from './runtime';

/** Wires the language service to a connection. (Skeleton: filled in by the recognition work.) */
export function startServer(connection: Connection, _runtime: Runtime): void {
  connection.onInitialize(() => ({ capabilities: {} }));
  connection.listen();
}
