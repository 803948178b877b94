// Folder dependency rules from DESIGN.md, as one small ESLint rule. Each folder under src/ lists the
// folders (and npm packages) it may import; anything else is reported with the rule that forbids it.
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

/** folder → which src folders it may import (itself is always allowed). */
const ALLOWED_FOLDERS = {
  engine: [],
  schema: [],
  kubectl: ['engine', 'schema'],
  scenarios: ['engine', 'kubectl'],
  worker: ['engine', 'kubectl', 'scenarios', 'schema'],
  node: ['engine', 'kubectl', 'scenarios', 'worker'],
  ui: ['worker', 'scenarios', 'schema'],
};
/** Files other folders may import from a restricted folder (its public surface). */
const PUBLIC_SURFACE = {
  engine: ['engine/index.ts'],
  worker: ['worker/protocol.ts'],
};
/** npm packages the pure engine may use (no DOM, no Node). */
const ENGINE_PACKAGES = ['yaml', 'croner', 'kubernetes-types'];

function folderOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..')) return null;
  return rel.split(path.sep)[0];
}

function checkImport(context, node, source) {
  const file = context.filename;
  const from = folderOf(file);
  if (!from || !(from in ALLOWED_FOLDERS)) return;
  if (source.startsWith('.')) {
    const target = path.resolve(path.dirname(file), source);
    const to = folderOf(target);
    if (to === from) return;
    const relTarget = path.relative(SRC, target).split(path.sep).join('/');
    if (!to || !ALLOWED_FOLDERS[from].includes(to)) {
      context.report({ node, message: `src/${from} may not import from ${to ? `src/${to}` : 'outside src'} (see DESIGN.md)` });
      return;
    }
    const surface = PUBLIC_SURFACE[to];
    // scenarios' tutorial data, kubectl and the rest are free to import; engine and worker only via their surface.
    if (surface && !surface.some((p) => relTarget === p || `${relTarget}.ts` === p || `${relTarget}/index.ts` === p)) {
      context.report({ node, message: `src/${from} may only use src/${to} through ${surface.join(', ')}` });
    }
    return;
  }
  const isTest = /\.test\.tsx?$/.test(file) || file.includes(`${path.sep}testing${path.sep}`);
  if (from === 'engine' && !isTest) {
    const pkg = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
    if (!ENGINE_PACKAGES.includes(pkg)) {
      context.report({ node, message: `src/engine must stay pure: "${source}" is not an allowed package (${ENGINE_PACKAGES.join(', ')})` });
    }
  }
}

export const boundaries = {
  rules: {
    folders: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const visit = (node) => node.source && typeof node.source.value === 'string' && checkImport(context, node, node.source.value);
        return {
          ImportDeclaration: visit,
          ExportNamedDeclaration: visit,
          ExportAllDeclaration: visit,
          ImportExpression: (node) => node.source.type === 'Literal' && checkImport(context, node, node.source.value),
        };
      },
    },
  },
};
