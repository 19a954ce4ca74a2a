import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type PortLanguageService } from './languageService';
import { clash, ClashIndex, describe, MAX_PROFILED_CHECKS, morePlaces, runTogether, type HostSpan } from './rules/duplicateHostPort';
import type { ComposeMapping } from './scan/vocabulary/types';
import { isIgnoredPort, type RuleLevel, type Settings } from './settings';
import { suppressedRules } from './suppress';
import { kubeFindings } from './kubeRules';
import { MAX_RELATED, pushFinding, type WorkspaceFinding } from './workspaceFinding';
export type { WorkspaceFinding } from './workspaceFinding';
import { composeProjects, fileKey, type ComposeProject } from './composeProject';
import { indexEntry, MAX_MAPPINGS_PER_FILE, type IndexedFile, type IndexedMapping } from './workspaceIndex';
import { t } from './l10n';

/**
 * Rules that compare files: the same host port published twice by the files of one Compose project,
 * and the Kubernetes references between manifests (kubeRules.ts). Pure: they read the index only.
 */

/** The folder of a file, as the project model keys it. */
function folderOf(uri: string): string {
  const k = fileKey(uri);
  return k.slice(0, k.lastIndexOf('/'));
}

/** The last two segments of a URI's path, decoded, to name a file in a message. */
export function shortName(uri: string): string {
  const parts = uri.replace(/[?#].*$/, '').split('/').filter(Boolean);
  const tail = parts.slice(-2).join('/');
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}

/** A mapping's host side without its service, for the head of a message: `127.0.0.1:8080/tcp`. */
function hostSide(m: IndexedMapping['mapping']): string {
  return `${m.hostIp ? m.hostIp + ':' : ''}${m.hostLo === m.hostHi ? m.hostLo : `${m.hostLo}-${m.hostHi}`}/${m.protocol}`;
}

/** Compose names a project after the folder it is started in. */
function projectName(folder: string): string {
  return folder.slice(folder.lastIndexOf('/') + 1) || folder;
}

/**
 * A bound on the published ports compared, counted once per project that loads them: a file loaded
 * by thousands of projects (a shared include) must not multiply the work without end.
 */
export const MAX_COMPARED_MAPPINGS = 50_000;

/** One published port as one project loads it. */
interface Item {
  file: number;
  mapping: number;
  project: number;
  /** The service as the project knows it (an extending service lends its name) and Compose's merge key of the entry. */
  identity: string;
  /** For an entry a service takes through `extends`, that service: one file's entry can be published by several. */
  lentTo?: string;
}

export interface FindingOptions {
  /**
   * Also find the clashes between Compose projects side by side (shown only where the setting
   * `compose.compareProjects` is on). Defaults to true; false saves that work when no one asks.
   */
  compareProjects?: boolean;
}

/** Groups at most this large are compared entry by entry: most folders and projects hold a few ports. */
const SMALL_GROUP = 24;

/**
 * Clashes counted within groups of items (a project, a folder, a project's file). Large groups get a
 * clash index; small ones, nearly all of them, are compared entry by entry, since thousands of tiny
 * indexes cost more in allocation than they save.
 */
class GroupedClashes {
  private readonly start: Int32Array;
  private readonly members: Int32Array;
  private readonly local: Int32Array;
  private readonly indexes = new Map<number, ClashIndex>();

  /** `groupOf[i]` is item i's group, numbered densely from 0 below `groups`. */
  constructor(private readonly mappings: readonly ComposeMapping[], private readonly groupOf: Int32Array, groups: number) {
    const n = mappings.length;
    this.start = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) this.start[groupOf[i] + 1]++;
    for (let g = 0; g < groups; g++) this.start[g + 1] += this.start[g];
    this.members = new Int32Array(n);
    this.local = new Int32Array(n);
    const fill = this.start.slice(0, groups);
    for (let i = 0; i < n; i++) {
      const g = groupOf[i];
      this.local[i] = fill[g] - this.start[g];
      this.members[fill[g]++] = i;
    }
    for (let g = 0; g < groups; g++) {
      const from = this.start[g];
      const to = this.start[g + 1];
      if (to - from <= SMALL_GROUP) continue;
      const spans: HostSpan[] = [];
      for (let k = from; k < to; k++) {
        const m = mappings[this.members[k]];
        spans.push({ lo: m.hostLo as number, hi: m.hostHi as number, protocol: m.protocol, hostIp: m.hostIp });
      }
      this.indexes.set(g, new ClashIndex(spans));
    }
  }

  /** How many other items of its group clash with item `i`. */
  count(i: number): number {
    const g = this.groupOf[i];
    const index = this.indexes.get(g);
    if (index) return index.count(this.local[i]);
    let n = 0;
    for (let k = this.start[g]; k < this.start[g + 1]; k++) {
      const j = this.members[k];
      if (j !== i && clash(this.mappings[i], this.mappings[j])) n++;
    }
    return n;
  }

  /** Up to `limit` items of its group clashing with item `i` that `accept` allows, in item order. */
  some(i: number, limit: number, accept: (j: number) => boolean): number[] {
    const g = this.groupOf[i];
    const from = this.start[g];
    const index = this.indexes.get(g);
    if (index) return index.some(this.local[i], limit, (k) => accept(this.members[from + k])).map((k) => this.members[from + k]);
    const out: number[] = [];
    for (let k = from; k < this.start[g + 1] && out.length < limit; k++) {
      const j = this.members[k];
      if (j !== i && clash(this.mappings[i], this.mappings[j]) && accept(j)) out.push(j);
    }
    return out;
  }
}

/** Dense numbers for keys: the group numbers GroupedClashes takes. */
class Numbering<K> {
  private readonly ids = new Map<K, number>();
  get size(): number {
    return this.ids.size;
  }
  of(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
}

/**
 * The same host address, port and protocol published twice by the files of one Compose project
 * (`compose.yaml` and its `compose.override.yaml`, the files `include:`, `extends:` or COMPOSE_FILE
 * bring in): `docker compose up` fails the second container with "port is already allocated". Compose's
 * merge rules apply: an entry an override file repeats for the same service (same address, host port,
 * container port and protocol) is the same entry, and `!reset`/`!override` drop the ports merged before.
 * Clashes inside one file are the per-file rule's.
 *
 * Projects side by side in a repository (samples, alternative stacks) are started one at a time: their
 * clashes are found too, but marked, and shown only when the user asks for them (`compose.compareProjects`).
 * Files of one folder are never compared across projects: they are alternatives or overrides given with `-f`.
 *
 * Counted through clash indexes, never pair by pair, so 3,000 folders publishing the same ports stay linear.
 */
export function duplicateHostPortAcrossFiles(files: IndexedFile[], options: FindingOptions = {}): Map<string, WorkspaceFinding[]> {
  const compare = options.compareProjects ?? true;
  const out = new Map<string, WorkspaceFinding[]>();
  const projects = composeProjects(files.map((f) => ({ uri: f.uri, publishes: f.mappings.length > 0, compose: f.compose })));
  const items = projectItems(files, projects);
  if (items.length < 2) return out;
  const n = items.length;
  const mappingOf = (i: number): IndexedMapping => files[items[i].file].mappings[items[i].mapping];
  const mappings = items.map((_, i) => mappingOf(i).mapping);
  const folderIds = new Numbering<string>();
  const folderOfFile = Int32Array.from(files, (f) => folderIds.of(folderOf(f.uri)));
  /**
   * Groups numbered by a key; `perProject` keys (a file, a folder) are numbered within each project,
   * whose items come in one run, so that no key has to combine the two.
   */
  const grouped = (key: (i: number) => number, perProject: boolean): GroupedClashes => {
    let ids = new Map<number, number>();
    let base = 0;
    const groupOf = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (perProject && i > 0 && items[i].project !== items[i - 1].project) {
        base += ids.size;
        ids = new Map();
      }
      const k = key(i);
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = ids.size));
      groupOf[i] = base + id;
    }
    return new GroupedClashes(mappings, groupOf, base + ids.size);
  };
  const inProject = grouped((i) => items[i].project, false);
  // One file's entries as the project loads them: an entry lent to two extending services is two bindings,
  // which the per-file rule cannot see.
  const loadedAs = new Numbering<string>();
  const loadedOf = Int32Array.from(items, (it) => loadedAs.of(`${it.file}\0${it.lentTo ?? ''}`));
  const inProjectFile = grouped((i) => loadedOf[i], true);
  const everywhere = compare ? grouped(() => 0, false) : undefined;
  const inFolder = compare ? grouped((i) => folderOfFile[items[i].file], false) : undefined;
  const inProjectFolder = compare ? grouped((i) => folderOfFile[items[i].file], true) : undefined;
  // The same entry merged from several files of a project (a base file and its override) is one entry.
  const entryIds = new Numbering<string>();
  const entryOf = Int32Array.from(items, (it) => entryIds.of(it.identity));
  const sameEntry = new Map<number, number>();
  const sameEntryInFile = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const e = entryOf[i];
    sameEntry.set(e, (sameEntry.get(e) ?? 0) + 1);
    const ef = e * files.length + items[i].file;
    sameEntryInFile.set(ef, (sameEntryInFile.get(ef) ?? 0) + 1);
  }
  /** An entry as its project publishes it: under the service that takes it through `extends`, where one does. */
  const describeItem = (j: number): string => {
    const m = mappingOf(j).mapping;
    const as = items[j].lentTo;
    return describe(as === undefined || as === m.service ? m : { ...m, service: as });
  };
  const reported = new Set<number>();
  let profiledChecks = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const e = entryOf[i];
    let within = inProject.count(i) - inProjectFile.count(i) - ((sameEntry.get(e) as number) - (sameEntryInFile.get(e * files.length + it.file) as number));
    // A service with profiles clashes only with the services it can run with (probe-bounded; past
    // MAX_PROFILED_CHECKS such entries, a miss rather than a false clash).
    let profiled: number[] | undefined;
    if (within > 0 && mappings[i].profiles?.length) {
      profiled = ++profiledChecks > MAX_PROFILED_CHECKS ? [] : inProject.some(i, MAX_PROFILED_CHECKS, (j) => loadedOf[j] !== loadedOf[i] && entryOf[j] !== e && runTogether(mappings[i], mappings[j]));
      within = profiled.length;
    }
    const across = everywhere && inFolder && inProjectFolder ? everywhere.count(i) - inFolder.count(i) - inProject.count(i) + inProjectFolder.count(i) : 0;
    if (within <= 0 && across <= 0) continue;
    const place = it.file * MAX_MAPPINGS_PER_FILE + it.mapping;
    if (reported.has(place)) continue;
    reported.add(place);
    const f = files[it.file];
    const here = mappingOf(i);
    const name = projectName(projects[it.project].folder);
    const link = (js: number[]) => js.map((j) => ({ uri: files[items[j].file].uri, range: mappingOf(j).range, message: t('also published here: {0}', describeItem(j)) }));
    const named = (j: number | undefined, count: number) =>
      j === undefined
        ? (count > 1 ? t('{0} other places', count) : t('1 other place'))
        : `${t('{0} in {1}', describeItem(j), shortName(files[items[j].file].uri))}${morePlaces(count, 1)}`;
    const sameProject = within <= 0 ? [] : profiled ? profiled.slice(0, MAX_RELATED) : inProject.some(i, MAX_RELATED, (j) => loadedOf[j] !== loadedOf[i] && entryOf[j] !== e);
    // Places, not bindings: an entry an override repeats counts once per file that writes it.
    const head = within === 1
      ? t('Host port {0} is published twice in Compose project "{1}".', hostSide(here.mapping), name)
      : t('Host port {0} is published more than once in Compose project "{1}".', hostSide(here.mapping), name);
    const detail = `${t('Also by {0}.', named(sameProject[0], within))} ${t('Compose merges these files into one project, and Docker fails the second container with "port is already allocated". Publish a different host port, or bind another host address.')}`;
    if (within > 0) {
      pushFinding(out, f.uri, {
        rule: 'duplicateHostPortAcrossFiles', range: here.range, port: here.mapping.hostLo as number,
        message: `${head}\n${detail}`, related: link(sameProject),
        ...(across > 0 ? { compareProjects: 'off' as const } : {}),
      });
    }
    if (across > 0 && everywhere) {
      const others = everywhere.some(i, MAX_RELATED, (j) => items[j].project !== it.project && folderOfFile[items[j].file] !== folderOfFile[it.file]);
      const elsewhere = t('{0}, in another Compose project', named(others[0], across));
      const note = t('(Compose projects are compared because ianaPorts.compose.compareProjects is on.)');
      pushFinding(out, f.uri, {
        rule: 'duplicateHostPortAcrossFiles', range: here.range, port: here.mapping.hostLo as number,
        message: within > 0
          ? `${head}\n${detail} ${t('Also published by {0}.', elsewhere)} ${note}`
          : `${t('Host port {0} is also published by another Compose project.', hostSide(here.mapping))}\n${t('By {0}.', elsewhere)} ${t('Started on the same Docker host, the second fails with "port is already allocated". Publish a different host port, or bind another host address.')} ${note}`,
        related: link([...sameProject, ...others].slice(0, MAX_RELATED)),
        compareProjects: 'on',
        // Side by side, only running both at once clashes, which the editor cannot know.
        ...(within > 0 ? {} : { maxLevel: 'information' as const }),
      });
    }
  }
  return out;
}

/**
 * The published ports each project loads, project by project in merge order, under the service name the
 * project knows them by (an extending service lends its name) and without the entries a later `!reset`
 * or `!override` drops. Partial projects give none; at most MAX_COMPARED_MAPPINGS in all.
 */
function projectItems(files: IndexedFile[], projects: ComposeProject[]): Item[] {
  const items: Item[] = [];
  projects.forEach((p, project) => {
    // Part of a project may miss the `!reset` that undoes a clash: a miss rather than a false warning.
    if (p.partial) return;
    // The last file in merge order that replaces a service's ports (`ports: !reset []`): entries merged before it are gone.
    const resetAt = new Map<string, number>();
    for (const m of p.members) {
      for (const s of files[m.file].compose?.resetPorts ?? []) {
        if (m.only !== undefined && s !== m.only) continue;
        const service = m.as ?? s;
        resetAt.set(service, Math.max(resetAt.get(service) ?? -1, m.order));
      }
    }
    for (const m of p.members) {
      const f = files[m.file];
      f.mappings.forEach(({ mapping: x }, k) => {
        const written = x.service ?? '';
        if (m.only !== undefined && written !== m.only) return;
        const service = m.as ?? written;
        if ((resetAt.get(service) ?? -1) > m.order || items.length >= MAX_COMPARED_MAPPINGS) return;
        const identity = `${project}\0${service}\0${x.hostIp}\0${x.hostLo}-${x.hostHi}\0${x.containerLo}-${x.containerHi}\0${x.protocol}`;
        items.push(m.as === undefined ? { file: m.file, mapping: k, project, identity } : { file: m.file, mapping: k, project, identity, lentTo: m.as });
      });
    }
  });
  return items;
}

/** Every cross-file finding, by file URI. */
export function workspaceFindings(files: IndexedFile[], options: FindingOptions = {}): Map<string, WorkspaceFinding[]> {
  const out = duplicateHostPortAcrossFiles(files, options);
  for (const [uri, list] of kubeFindings(files)) for (const f of list) pushFinding(out, uri, f);
  return out;
}

const SEVERITY: Record<Exclude<RuleLevel, 'ignore'>, DiagnosticSeverity> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

/**
 * One file's cross-file findings as diagnostics, with the rule levels, `ignorePorts` and, when the
 * document is given, `iana-ports-ignore-next-line` comments applied, as for the per-file rules.
 */
export function workspaceDiagnostics(findings: WorkspaceFinding[] | undefined, settings: Settings, doc?: TextDocument): Diagnostic[] {
  if (!findings?.length || !settings.diagnostics.enable) return [];
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const level = settings.lint[f.rule];
    if (level === 'ignore') continue;
    if (f.port !== undefined && isIgnoredPort(settings, f.port)) continue;
    if (f.compareProjects && (f.compareProjects === 'on') !== settings.compose.compareProjects) continue;
    if (doc) {
      const s = suppressedRules(f.range.start.line, doc);
      if (s && (s.size === 0 || s.has(f.rule))) continue;
    }
    // DiagnosticSeverity counts down from error (1) to hint (4): the weaker of the two is the larger number.
    const severity = f.maxLevel ? Math.max(SEVERITY[level], SEVERITY[f.maxLevel]) as DiagnosticSeverity : SEVERITY[level];
    const d: Diagnostic = { range: f.range, severity, code: f.rule, source: DIAGNOSTIC_SOURCE, message: f.message };
    if (f.related.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    if (f.port !== undefined) d.data = { port: f.port };
    out.push(d);
  }
  return out;
}

/**
 * Cross-file findings for a set of documents read together (the CLI's `check`): each is scanned with
 * the language service, indexed, and the workspace rules run over all of them.
 */
export function findingsForDocuments(service: PortLanguageService, docs: TextDocument[], settings: Settings): Map<string, WorkspaceFinding[]> {
  const files: IndexedFile[] = [];
  for (const doc of docs) {
    const scan = service.scan(doc, settings);
    const entry = scan.format && !scan.tooLarge ? indexEntry(doc.uri, scan.format, doc.getText(), scan.occurrences, scan.kube) : undefined;
    if (entry) files.push(entry);
  }
  files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return workspaceFindings(files, { compareProjects: settings.compose.compareProjects });
}
