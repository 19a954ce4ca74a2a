import path from 'node:path';

/** The language id a client would send for a file; the same table as ../shared/tools/lsp-probe.mjs. */
export function languageIdFor(file: string): string {
  const b = path.basename(file).toLowerCase();
  const ext = path.extname(b);
  if (/^(docker-)?compose.*\.ya?ml$/.test(b)) return 'dockercompose';
  if (b === 'dockerfile' || b.endsWith('.dockerfile') || b.startsWith('dockerfile.')) return 'dockerfile';
  if (b === '.env' || b.startsWith('.env.') || ext === '.env') return 'dotenv';
  if (b === 'makefile') return 'makefile';
  const m: Record<string, string> = {
    '.yml': 'yaml', '.yaml': 'yaml', '.json': 'json', '.jsonc': 'jsonc', '.properties': 'properties',
    '.ini': 'ini', '.cfg': 'ini', '.toml': 'toml', '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
    '.ts': 'typescript', '.tsx': 'typescriptreact', '.jsx': 'javascriptreact', '.py': 'python', '.go': 'go',
    '.java': 'java', '.rs': 'rust', '.cs': 'csharp', '.rb': 'ruby', '.php': 'php', '.sh': 'shellscript',
    '.c': 'c', '.h': 'c', '.cpp': 'cpp', '.kt': 'kotlin', '.tf': 'terraform', '.xml': 'xml', '.md': 'markdown',
  };
  return m[ext] || 'plaintext';
}
