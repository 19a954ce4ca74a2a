import { walkYaml, type YamlFrame } from './scan/text/yamlScan';

/**
 * Which compose files Docker Compose merges into one project. A host port published twice clashes
 * only inside one project; projects that sit side by side in a repository (a collection of samples,
 * alternative stacks) are started one at a time. Pure: the workspace index hands it each file's facts,
 * read from texts it already holds; it never reads a file.
 *
 * A project is what `docker compose up` loads in a folder: the files COMPOSE_FILE names in the folder's
 * `.env`, or else the first default file (`compose.yaml`, ...) with the first override file beside it;
 * with each of them the files their `include:` entries name and the services their `extends:` takes
 * from other files. A compose file that no project loads (a `compose.prod.yaml` given with `-f`, a
 * stack file) is a project of its own.
 */

/** What the project model needs from one file. */
export interface ComposeFileFacts {
  /** `include:` entries, each the paths it merges in order (`path: [a.yaml, override.yaml]`), as written. */
  includes: string[][];
  /** Services taking another file's service: `web: {extends: {file: base.yml, service: app}}`. */
  extends: { service: string; file: string; base: string }[];
  /** Services whose `ports` carry `!reset` or `!override`: the ports of files merged before are dropped. */
  resetPorts: string[];
  /** For a `.env`: the files COMPOSE_FILE names, split with COMPOSE_PATH_SEPARATOR (`:` by default). */
  composeFile?: string[];
}

/** Compose's file names, in the order it tries them (compose-go's DefaultFileNames). */
export const COMPOSE_FILE_NAMES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
/** Compose's override file names, in its order (DefaultOverrideFileNames); any of them goes with any default file. */
export const COMPOSE_OVERRIDE_NAMES: readonly string[] = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** Bounds on what one file contributes, so that a hostile file costs a bounded amount of work. */
const MAX_ENTRIES = 256;
const MAX_PATH_CHARS = 1024;
/** Files one project loads, at most; the rest are left out (a miss, never a false clash). */
export const MAX_PROJECT_FILES = 128;
/** How deep includes and extends are followed. */
const MAX_DEPTH = 16;

/** The base name of a URI or path, lower-cased. */
function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1).toLowerCase();
}

/** True for a name Compose finds on its own in a folder: a default or an override file. */
export function isComposeDefaultName(uri: string): boolean {
  const b = baseName(uri);
  return COMPOSE_FILE_NAMES.includes(b) || COMPOSE_OVERRIDE_NAMES.includes(b);
}

/** A path Compose would read from the disk: no variable, no remote resource (`oci://`, a Git URL). */
function usablePath(p: string): boolean {
  return p.length > 0 && p.length <= MAX_PATH_CHARS && !p.includes('$') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(p) && !/^git@/.test(p);
}

/**
 * The key path of a frame from the document root, sequence entries as `-` (flow mappings that are
 * values add none). Only the first levels matter here: a deeper frame gives an empty path, so that
 * fifty thousand nested levels cost a few steps per scalar, not fifty thousand.
 */
function pathOf(frame: YamlFrame | null): string[] {
  const out: string[] = [];
  let steps = 0;
  for (let f = frame; f; f = f.parent) {
    if (++steps > 12) return [];
    if (f.isItem && !f.entry) continue;
    out.push(f.isItem ? '-' : f.key);
  }
  return out.reverse();
}

/** True when the value after a key's colon starts with one of the YAML tags that replace a sequence. */
function replacingTag(text: string, keyStart: number): boolean {
  const colon = text.indexOf(':', keyStart);
  if (colon < 0 || colon - keyStart > 64) return false;
  let i = colon + 1;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return text.startsWith('!reset', i) || text.startsWith('!override', i);
}

/**
 * The includes, extends and replacing tags of a compose file; undefined when it has none (most files),
 * found first by a look for the words. Never throws.
 */
export function composeFileFacts(text: string): ComposeFileFacts | undefined {
  if (!/^include:|^[ \t]+extends:|!reset\b|!override\b/m.test(text)) return undefined;
  const facts: ComposeFileFacts = { includes: [], extends: [], resetPorts: [] };
  let entry: string[] = [];
  const ext = new Map<string, { file?: string; base?: string }>();
  walkYaml(text, {
    fields: false,
    key(frame) {
      if (frame.lower !== 'ports' || facts.resetPorts.length >= MAX_ENTRIES) return;
      const path = pathOf(frame);
      if (path.length === 3 && path[0] === 'services' && replacingTag(text, frame.start)) facts.resetPorts.push(path[1]);
    },
    scalar(frame, s, e, _quote, inSeq) {
      if (!frame) return;
      const path = pathOf(frame);
      const value = text.slice(s, Math.min(e, s + MAX_PATH_CHARS + 1));
      if (path.length === 1 && path[0] === 'include' && inSeq) {
        // `include: [a.yaml, b.yaml]`: each entry one file.
        if (facts.includes.length < MAX_ENTRIES) facts.includes.push([value]);
      } else if (path[0] === 'include') {
        // `- a.yaml`, `- path: a.yaml`, `- path: [a.yaml, b.yaml]` and `path:` with a block list.
        const isPath = path.length === 2 ? path[1] === '-' : path.length >= 3 && path[1] === '-' && path[2] === 'path' && (path.length === 3 || (path.length === 4 && path[3] === '-'));
        if (isPath && entry.length < MAX_ENTRIES) entry.push(value);
      } else if (path.length === 4 && path[0] === 'services' && path[2] === 'extends' && (path[3] === 'file' || path[3] === 'service')) {
        let x = ext.get(path[1]);
        if (!x) {
          if (ext.size >= MAX_ENTRIES) return;
          ext.set(path[1], (x = {}));
        }
        if (path[3] === 'file') x.file = value;
        else x.base = value;
      }
    },
    freeText() {},
    comment() {},
    close(frame) {
      if (!frame.isItem || !frame.entry || frame.parent?.key !== 'include' || frame.parent.parent) return;
      if (entry.length && facts.includes.length < MAX_ENTRIES) facts.includes.push(entry);
      entry = [];
    },
  });
  for (const [service, x] of ext) if (x.file && x.base) facts.extends.push({ service, file: x.file, base: x.base });
  return facts.includes.length || facts.extends.length || facts.resetPorts.length ? facts : undefined;
}

/** A dotenv value without its quotes or a trailing comment. */
function dotenvValue(raw: string): string {
  const v = raw.trim();
  const q = v.charAt(0);
  if ((q === '"' || q === "'") && v.indexOf(q, 1) > 0) return v.slice(1, v.indexOf(q, 1));
  const hash = v.search(/[ \t]#/);
  return (hash >= 0 ? v.slice(0, hash) : v).trim();
}

/**
 * COMPOSE_FILE of a `.env` file, split into paths; undefined when it sets none. The separator is
 * COMPOSE_PATH_SEPARATOR when set, else `;` when the value holds one (Windows), else `:`.
 */
export function dotenvComposeFiles(text: string): string[] | undefined {
  if (!text.includes('COMPOSE_FILE')) return undefined;
  let files: string | undefined;
  let separator: string | undefined;
  // Line by line, the last assignment winning as in Compose's reading of the file.
  const re = /^[ \t]*(?:export[ \t]+)?(COMPOSE_FILE|COMPOSE_PATH_SEPARATOR)[ \t]*=([^\r\n]*)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = dotenvValue(m[2].slice(0, MAX_PATH_CHARS * 8));
    if (m[1] === 'COMPOSE_FILE') files = value;
    else separator = value;
  }
  if (!files) return undefined;
  const sep = separator || (files.includes(';') ? ';' : ':');
  return files.split(sep).map((p) => p.trim()).filter((p) => p).slice(0, MAX_ENTRIES);
}

/** A URI split into what paths resolve against: `file://host` and the decoded path. */
function splitUri(uri: string): { root: string; path: string } {
  let u = uri.replace(/[?#].*$/, '');
  try {
    u = decodeURIComponent(u);
  } catch {
    /* keep the encoded spelling */
  }
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(u);
  return m ? { root: m[1], path: m[2] ?? '/' } : { root: '', path: u };
}

/** Removes `.` and `..` steps and empty segments. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** The key a file is found by: its URI, decoded, with the path normalized. */
export function fileKey(uri: string): string {
  const { root, path } = splitUri(uri);
  return root + normalize(path);
}

/** The key of a folder's URI (a file's folder: everything before the last slash). */
function folderKeyOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/'));
}

/** Resolves a path written in a file of `folderKey` (relative, or absolute from the URI's root) to a file key. */
function resolvePath(folderKey: string, written: string): string | undefined {
  if (!usablePath(written)) return undefined;
  const p = written.replace(/\\/g, '/');
  const { root, path } = splitUri(folderKey);
  if (p.startsWith('/')) return root + normalize(p);
  // A Windows drive path: `C:/stacks/db.yaml`.
  if (/^[a-z]:\//i.test(p)) return root + normalize('/' + p);
  return root + normalize(path + '/' + p);
}

/** One file as the project model sees it. */
export interface ComposeProjectInput {
  uri: string;
  /** True when the file publishes host ports (a compose file with `ports` entries). */
  publishes: boolean;
  compose?: ComposeFileFacts;
}

/**
 * A file loaded by a project. `only`/`as`: a file reached through `extends` lends one service's ports
 * (`only`) to the service that extends it (`as`); other files lend all their services under their names.
 * `order` is the merge order: a file's includes and extended files come before it, override files after.
 */
export interface ProjectMember {
  file: number;
  order: number;
  only?: string;
  as?: string;
}

export interface ComposeProject {
  /** The folder (key) the project is started in, which Compose names it after. */
  folder: string;
  members: ProjectMember[];
  /**
   * True when a bound cut the project short (too many files, too deep, the workspace's budget spent):
   * what it loads is only part of it, and a `!reset` in a file left out could undo a clash.
   */
  partial: boolean;
}

/**
 * Groups the files into Compose projects, as `docker compose` in each folder would load them. Linear in
 * the files and their references: each project loads at most MAX_PROJECT_FILES files, all projects
 * together a few times the number of files (a chain of includes through thousands of folders would
 * otherwise load each file once per folder), includes and extends are followed to MAX_DEPTH with a
 * visited set (include cycles end there), and missing files are skipped.
 */
export function composeProjects(files: readonly ComposeProjectInput[]): ComposeProject[] {
  let budget = 4 * files.length + 1000;
  const byKey = new Map<string, number>();
  const keys = files.map((f) => fileKey(f.uri));
  keys.forEach((k, i) => {
    if (!byKey.has(k)) byKey.set(k, i);
  });
  const folderOf = keys.map(folderKeyOf);
  const lookup = (from: number, written: string): number | undefined => {
    const k = resolvePath(folderOf[from], written);
    return k === undefined ? undefined : byKey.get(k);
  };

  /** Builds one project from the files it starts with, following includes and extends. */
  const build = (folder: string, start: number[]): ComposeProject => {
    const members: ProjectMember[] = [];
    const seen = new Set<string>();
    let partial = false;
    /** False when the file cannot be loaded within the bounds, which makes the project partial. */
    const room = (depth: number): boolean => {
      if (depth <= MAX_DEPTH && seen.size < MAX_PROJECT_FILES && budget > 0) return true;
      partial = true;
      return false;
    };
    const extendsOf = (file: number, only: string, as: string, depth: number): void => {
      const id = `${file}\0${only}\0${as}`;
      if (seen.has(id) || !room(depth)) return;
      seen.add(id);
      budget--;
      // A chain of extends: the base's own base comes first.
      for (const e of files[file].compose?.extends ?? []) {
        if (e.service !== only) continue;
        const base = lookup(file, e.file);
        if (base !== undefined) extendsOf(base, e.base, as, depth + 1);
      }
      members.push({ file, order: members.length, only, as });
    };
    const load = (file: number, depth: number): void => {
      const id = String(file);
      if (seen.has(id) || !room(depth)) return;
      seen.add(id);
      budget--;
      const facts = files[file].compose;
      for (const entry of facts?.includes ?? []) {
        for (const p of entry) {
          const inc = lookup(file, p);
          if (inc !== undefined) load(inc, depth + 1);
        }
      }
      for (const e of facts?.extends ?? []) {
        const base = lookup(file, e.file);
        if (base !== undefined) extendsOf(base, e.base, e.service, depth + 1);
      }
      members.push({ file, order: members.length });
    };
    for (const f of start) load(f, 0);
    return { folder, members, partial };
  };

  const projects: ComposeProject[] = [];
  const loaded = new Set<number>();
  const add = (p: ComposeProject): void => {
    if (!p.members.length) return;
    projects.push(p);
    for (const m of p.members) loaded.add(m.file);
  };

  // What `docker compose` finds in each folder on its own.
  const byFolder = new Map<string, number[]>();
  files.forEach((_, i) => {
    const list = byFolder.get(folderOf[i]);
    if (list) list.push(i);
    else byFolder.set(folderOf[i], [i]);
  });
  for (const [folder, members] of byFolder) {
    const dotenv = members.find((i) => baseName(keys[i]) === '.env' && files[i].compose?.composeFile);
    if (dotenv !== undefined) {
      const start = (files[dotenv].compose?.composeFile ?? []).map((p) => lookup(dotenv, p)).filter((i): i is number => i !== undefined);
      add(build(folder, start));
      continue;
    }
    const named = (names: readonly string[]): number | undefined => {
      let best: number | undefined;
      let rank = names.length;
      for (const i of members) {
        const r = names.indexOf(baseName(keys[i]));
        if (r >= 0 && r < rank) [best, rank] = [i, r];
      }
      return best;
    };
    const main = named(COMPOSE_FILE_NAMES);
    // Compose reads an override file only beside a default file.
    const override = main === undefined ? undefined : named(COMPOSE_OVERRIDE_NAMES);
    if (main !== undefined) add(build(folder, override === undefined ? [main] : [main, override]));
  }

  // Every other file that publishes ports is a project of its own, unless a file left over with it
  // loads it (a `compose.prod.yaml` including `../common/db.yaml`: db.yaml is not started alone).
  const rest = files.map((f, i) => i).filter((i) => files[i].publishes && !loaded.has(i));
  const referenced = new Set<number>();
  for (const i of rest) {
    const facts = files[i].compose;
    for (const entry of facts?.includes ?? []) for (const p of entry) {
      const j = lookup(i, p);
      if (j !== undefined && j !== i) referenced.add(j);
    }
    for (const e of facts?.extends ?? []) {
      const j = lookup(i, e.file);
      if (j !== undefined && j !== i) referenced.add(j);
    }
  }
  for (const i of rest) if (!referenced.has(i)) add(build(folderOf[i], [i]));
  return projects;
}
