import type { Connection } from 'vscode-languageserver';
import type { Runtime } from '../runtime';
import type { PortLanguageService } from '../service/languageService';
import type { WorkspaceFeature } from '../workspace/attach';
import type { DiagnosticsPush } from './diagnosticsPush';

/** This machine's ports: read in the background, used by hover, completion, a rule and the Ports view. */
export function attachMachinePorts(connection: Connection, runtime: Runtime, service: PortLanguageService, workspace: WorkspaceFeature, diagnostics: DiagnosticsPush): void {
  const machine = runtime.machine;
  if (!machine) return;
  machine.onError = (message) => connection.console.warn(`IANA Ports: ${message}`);
  service.machine = (settings) => machine.snapshot(settings.machine.enable);
  workspace.machine = service.machine;
  machine.onChange((changed) => {
    if (changed.reserved) diagnostics.refresh();
    if (changed.sockets) workspace.machineChanged();
  });
}
