import type * as vscodeApi from 'vscode';
import { WORKSPACE_PORTS_CHANGED, WORKSPACE_PORTS_REQUEST } from '../../server/src/protocol';

/**
 * The "Ports" view in the Explorer: every port used in the workspace, its registered service, and the
 * places that use it; clicking a place opens it. The data comes from the server's workspace index
 * (`ianaPorts/workspacePorts`) and is fetched again when the server says the ports changed.
 * Labels are built by plain functions so they can be tested without VS Code.
 */

export const VIEW_ID = 'ianaPorts.ports';
export { WORKSPACE_PORTS_CHANGED, WORKSPACE_PORTS_REQUEST };

/** Plain LSP range, as the server sends it. */
interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface PortPlace {
  uri: string;
  range: LspRange;
  role: string;
  format: string;
  line: string;
  protocol?: string;
  owner?: string;
}

export interface WorkspacePort {
  port: number;
  services: string[];
  description: string;
  commonPractice?: string;
  total: number;
  /** This machine's state when the port is taken now ("in use now by node"). */
  here?: string;
  places: PortPlace[];
}

export interface WorkspacePortsResponse {
  status: { state: 'idle' | 'indexing' | 'ready'; files: number; places: number };
  ports: WorkspacePort[];
}

/**
 * What a port's row shows: the number, what runs there in common practice (labelled) where known,
 * its IANA service(s), and how many places use it.
 */
export function describePort(p: WorkspacePort): { label: string; description: string; tooltip: string } {
  const service = p.services.length ? p.services.slice(0, 3).join(', ') + (p.services.length > 3 ? ', …' : '') : 'unassigned';
  const places = `${p.total} place${p.total === 1 ? '' : 's'}`;
  const what = p.commonPractice ? `${p.commonPractice} (common practice) · IANA: ${service}` : service;
  const tooltip = [
    `Port ${p.port}`,
    p.commonPractice ? `Common practice (not IANA): ${p.commonPractice}` : '',
    p.services.length ? `IANA: ${p.services.join(', ')}` : 'Not assigned by IANA',
    p.description && p.description !== p.services[0] ? p.description : '',
    places,
    p.here ? `This machine: ${p.here}` : '',
  ].filter(Boolean).join('\n');
  return { label: String(p.port), description: `${what} · ${places}${p.here ? ` · ● ${p.here}` : ''}`, tooltip };
}

/** What a place's row shows: `file:line`, the line itself, and its role in a tooltip. */
export function describePlace(place: PortPlace, relativePath: string): { label: string; description: string; tooltip: string } {
  const line = place.range.start.line + 1;
  const role = place.role === 'unknown' ? '' : place.role;
  const tooltip = [
    `${relativePath}:${line}:${place.range.start.character + 1}`,
    [place.format, role, place.protocol, place.owner ? `service ${place.owner}` : ''].filter(Boolean).join(' · '),
    place.line,
  ].filter(Boolean).join('\n');
  return { label: `${relativePath}:${line}`, description: place.line, tooltip };
}

type Node =
  | { type: 'port'; port: WorkspacePort }
  | { type: 'place'; place: PortPlace }
  | { type: 'more'; count: number };

/** What the view needs from the language client. */
export interface PortsClient {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
  onNotification(method: string, handler: (params: unknown) => void): vscodeApi.Disposable;
}

/** The tree behind the view. */
export class PortsView implements vscodeApi.TreeDataProvider<Node> {
  private readonly emitter: vscodeApi.EventEmitter<Node | undefined>;
  readonly onDidChangeTreeData: vscodeApi.Event<Node | undefined>;
  private data: Promise<WorkspacePortsResponse> | undefined;
  private view: vscodeApi.TreeView<Node> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly vscode: typeof vscodeApi, private readonly client: PortsClient) {
    this.emitter = new vscode.EventEmitter<Node | undefined>();
    this.onDidChangeTreeData = this.emitter.event;
  }

  /** Creates the tree view, its refresh command and the server subscription. */
  register(context: vscodeApi.ExtensionContext): void {
    this.view = this.vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    context.subscriptions.push(
      this.view,
      this.emitter,
      this.vscode.commands.registerCommand('ianaPorts.refreshPortsView', () => this.refresh(0)),
      this.client.onNotification(WORKSPACE_PORTS_CHANGED, (status) => {
        // While the index is being built, changes arrive often: refresh at most once a second.
        const indexing = (status as { state?: string } | undefined)?.state === 'indexing';
        this.refresh(indexing ? 1000 : 200);
      }),
      { dispose: () => this.timer && clearTimeout(this.timer) },
    );
  }

  refresh(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.data = undefined;
      this.emitter.fire(undefined);
    }, delayMs);
  }

  private load(): Promise<WorkspacePortsResponse> {
    if (!this.data) {
      this.data = this.client.sendRequest<WorkspacePortsResponse>(WORKSPACE_PORTS_REQUEST, { maxPlaces: 500 }).catch(() => ({
        status: { state: 'idle' as const, files: 0, places: 0 }, ports: [],
      }));
    }
    return this.data;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const res = await this.load();
      if (this.view) {
        this.view.message = res.ports.length
          ? res.status.state === 'indexing' ? this.vscode.l10n.t('Indexing the workspace… {0} files with ports so far.', res.status.files) : undefined
          : res.status.state === 'indexing' ? this.vscode.l10n.t('Indexing the workspace…') : this.vscode.l10n.t('No ports found in the workspace.');
      }
      return res.ports.map((port) => ({ type: 'port', port }));
    }
    if (node.type !== 'port') return [];
    const out: Node[] = node.port.places.map((place) => ({ type: 'place', place }));
    if (node.port.total > node.port.places.length) out.push({ type: 'more', count: node.port.total - node.port.places.length });
    return out;
  }

  getTreeItem(node: Node): vscodeApi.TreeItem {
    const vscode = this.vscode;
    if (node.type === 'port') {
      const d = describePort(node.port);
      const item = new vscode.TreeItem(d.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = d.description;
      item.tooltip = d.tooltip;
      item.iconPath = new vscode.ThemeIcon('plug');
      item.id = `port:${node.port.port}`;
      // The view's inline action "Open IANA Registry Entry" (package.json menus) applies to port rows.
      item.contextValue = 'ianaPorts.port';
      return item;
    }
    if (node.type === 'more') {
      const item = new vscode.TreeItem(vscode.l10n.t('… {0} more (use Find All References)', node.count), vscode.TreeItemCollapsibleState.None);
      return item;
    }
    const uri = vscode.Uri.parse(node.place.uri);
    const d = describePlace(node.place, vscode.workspace.asRelativePath(uri));
    const item = new vscode.TreeItem(d.label, vscode.TreeItemCollapsibleState.None);
    item.description = d.description;
    item.tooltip = d.tooltip;
    item.resourceUri = uri;
    const r = node.place.range;
    const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [uri, { selection, preview: true }] };
    return item;
  }
}
