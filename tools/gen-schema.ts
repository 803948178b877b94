/**
 * Generates src/schema/kubernetes.json: JSON Schema (draft-07) for every kind kubesim simulates,
 * with the upstream field descriptions, enums and required fields, for `kubectl explain` and the
 * editor's validation, hover and completion.
 *
 * Source: the TypeScript declarations of the `kubernetes-models` package (a devDependency),
 * which are generated from the Kubernetes OpenAPI documents and keep their doc comments, enum
 * unions and optional markers. We read them with the TypeScript compiler API — nothing is
 * fetched — and name definitions as the OpenAPI documents do (`io.k8s.api.core.v1.PodSpec`), so
 * explain prints the same type names.
 *
 *   node --import tsx tools/gen-schema.ts
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const MODELS = join(ROOT, 'node_modules', 'kubernetes-models');
const MACHINERY = join(ROOT, 'node_modules', '@kubernetes-models', 'apimachinery');
const BASE = join(ROOT, 'node_modules', '@kubernetes-models', 'base');
const MODELS_VERSION = (JSON.parse(readFileSync(join(MODELS, 'package.json'), 'utf8')) as { version: string }).version;

/** The kinds kubesim serves: [models folder, Kind, group, version]. */
const ROOTS: [string, string, string, string][] = [
  ['v1', 'Pod', '', 'v1'],
  ['v1', 'Node', '', 'v1'],
  ['v1', 'Namespace', '', 'v1'],
  ['v1', 'ConfigMap', '', 'v1'],
  ['v1', 'Secret', '', 'v1'],
  ['v1', 'Service', '', 'v1'],
  ['v1', 'Endpoints', '', 'v1'],
  ['v1', 'Event', '', 'v1'],
  ['batch/v1', 'Job', 'batch', 'v1'],
  ['batch/v1', 'CronJob', 'batch', 'v1'],
  ['apps/v1', 'Deployment', 'apps', 'v1'],
  ['apps/v1', 'ReplicaSet', 'apps', 'v1'],
  ['apps/v1', 'DaemonSet', 'apps', 'v1'],
  ['apps/v1', 'ControllerRevision', 'apps', 'v1'],
  ['discovery.k8s.io/v1', 'EndpointSlice', 'discovery.k8s.io', 'v1'],
  ['policy/v1', 'PodDisruptionBudget', 'policy', 'v1'],
];

type Schema = Record<string, unknown>;
const definitions: Record<string, Schema> = {};

/** `io.k8s.api.core.v1.PodSpec` for `<models>/v1/PodSpec.d.ts`, and the apimachinery equivalents. */
function definitionName(file: string): string {
  const base = file.replace(/\.d\.ts$/, '');
  if (base.startsWith(MACHINERY)) return `io.k8s.apimachinery.pkg.${relative(MACHINERY, base).split('/').join('.')}`;
  const parts = relative(MODELS, base).split('/');
  const name = parts.pop()!;
  if (parts.length === 1) return `io.k8s.api.core.${parts[0]}.${name}`;
  const group = parts[0]!.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '');
  return `io.k8s.api.${group}.${parts[1]}.${name}`;
}

/** A doc comment as the OpenAPI description: ` * ` prefixes removed, lines kept. */
function description(node: ts.Node, source: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const last = ranges.filter((r) => source.text.startsWith('/**', r.pos)).pop();
  if (!last) return undefined;
  const text = source.text.slice(last.pos + 3, last.end - 2);
  const lines = text.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.join('\n') || undefined;
}

interface Parsed {
  source: ts.SourceFile;
  imports: Map<string, string>;
}

const parsedFiles = new Map<string, Parsed>();

function parse(file: string): Parsed {
  let p = parsedFiles.get(file);
  if (p) return p;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map<string, string>();
  for (const st of source.statements) {
    if (!ts.isImportDeclaration(st) || !st.importClause?.namedBindings || !ts.isNamedImports(st.importClause.namedBindings)) continue;
    const spec = (st.moduleSpecifier as ts.StringLiteral).text;
    const target = spec.startsWith('.') ? join(dirname(file), `${spec}.d.ts`) : spec.startsWith('@kubernetes-models/apimachinery/') ? join(MACHINERY, `${spec.slice('@kubernetes-models/apimachinery/'.length)}.d.ts`) : undefined;
    if (!target) continue;
    for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, target);
  }
  p = { source, imports };
  parsedFiles.set(file, p);
  return p;
}

/** Make sure the definition for `file` exists; returns its name. */
function define(file: string): string {
  const name = definitionName(file);
  if (definitions[name]) return name;
  definitions[name] = {};
  const { source } = parse(file);
  const stem = `I${file.split('/').pop()!.replace(/\.d\.ts$/, '')}`;
  for (const st of source.statements) {
    if (ts.isInterfaceDeclaration(st) && st.name.text === stem) {
      definitions[name] = objectSchema(st, file);
      return name;
    }
    if (ts.isTypeAliasDeclaration(st) && st.name.text === stem) {
      definitions[name] = aliasSchema(name, st, source);
      return name;
    }
  }
  throw new Error(`no ${stem} in ${file}`);
}

function aliasSchema(name: string, st: ts.TypeAliasDeclaration, source: ts.SourceFile): Schema {
  const desc = description(st, source);
  const base: Schema = desc ? { description: desc } : {};
  // Quantity and IntOrString have no single type (explain prints their names); times are strings.
  if (name.endsWith('.IntOrString')) return { ...base, oneOf: [{ type: 'string' }, { type: 'integer' }], 'x-kubernetes-int-or-string': true };
  if (name.endsWith('.Quantity')) return { ...base, oneOf: [{ type: 'string' }, { type: 'number' }] };
  if (/\.(Time|MicroTime)$/.test(name)) return { ...base, type: 'string', format: 'date-time' };
  return { ...base, ...typeSchema(st.type, parse(source.fileName)) };
}

function objectSchema(decl: ts.InterfaceDeclaration, file: string): Schema {
  const parsed = parse(file);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const isKind = decl.heritageClauses?.some((h) => h.types.some((t) => t.expression.getText() === 'TypeMeta')) ?? false;
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const key = member.name.getText().replace(/^"|"$/g, '');
    let schema = typeSchema(member.type, parsed);
    let desc = description(member, parsed.source);
    if (isKind && (key === 'apiVersion' || key === 'kind')) {
      // The literal apiVersion/kind: a const for editors; optional and described as TypeMeta does upstream.
      const literal = (schema.enum as string[] | undefined)?.[0];
      schema = { type: 'string', ...(literal ? { const: literal } : {}) };
      desc = TYPE_META[key];
    } else if (!member.questionToken) required.push(key);
    properties[key] = desc ? (schema.$ref ? { description: desc, allOf: [schema] } : { description: desc, ...schema }) : schema;
  }
  const out: Schema = {};
  const desc = description(decl, parsed.source);
  if (desc) out.description = desc;
  out.type = 'object';
  out.properties = Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (required.length > 0) out.required = required.sort();
  return out;
}

const TYPE_META: Record<string, string> = (() => {
  const source = ts.createSourceFile('meta.d.ts', readFileSync(join(BASE, 'dist/meta.d.ts'), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Record<string, string> = {};
  for (const st of source.statements) {
    if (!ts.isInterfaceDeclaration(st) || st.name.text !== 'TypeMeta') continue;
    for (const m of st.members) if (ts.isPropertySignature(m)) out[m.name.getText()] = description(m, source) ?? '';
  }
  return out;
})();

function typeSchema(node: ts.TypeNode, parsed: Parsed): Schema {
  if (node.kind === ts.SyntaxKind.StringKeyword) return { type: 'string' };
  if (node.kind === ts.SyntaxKind.NumberKeyword) return { type: 'integer' };
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return { type: 'boolean' };
  if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword) return {};
  if (ts.isParenthesizedTypeNode(node)) return typeSchema(node.type, parsed);
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeSchema(node.elementType, parsed) };
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
  if (ts.isUnionTypeNode(node)) {
    const literals = node.types.filter((t): t is ts.LiteralTypeNode => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal));
    if (literals.length === node.types.length) return { type: 'string', enum: literals.map((l) => (l.literal as ts.StringLiteral).text) };
    return { oneOf: node.types.map((t) => typeSchema(t, parsed)) };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { type: 'object', additionalProperties: typeSchema(index.type, parsed) };
    return { type: 'object' };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.[0]) return { type: 'array', items: typeSchema(node.typeArguments[0], parsed) };
    if (name === 'Record' && node.typeArguments?.[1]) return { type: 'object', additionalProperties: typeSchema(node.typeArguments[1], parsed) };
    const file = parsed.imports.get(name);
    if (file) return { $ref: `#/definitions/${define(file)}` };
    return {};
  }
  return {};
}

const kinds: Record<string, string> = {};
for (const [folder, kind, group, version] of ROOTS) {
  const name = define(join(MODELS, folder, `${kind}.d.ts`));
  definitions[name]!['x-kubernetes-group-version-kind'] = [{ group, kind, version }];
  kinds[`${group ? `${group}/` : ''}${version}/${kind}`] = name;
}

const document = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'kubesim:schema/kubernetes.json',
  title: 'The Kubernetes objects kubesim simulates',
  description: `Generated by tools/gen-schema.ts from kubernetes-models ${MODELS_VERSION} (Kubernetes OpenAPI descriptions). Each entry of x-kubesim-kinds names the root definition of a kind.`,
  'x-kubesim-kinds': kinds,
  definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => (a < b ? -1 : 1))),
};

const out = join(ROOT, 'src', 'schema', 'kubernetes.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(document, null, 1)}\n`);
console.log(`wrote ${out}: ${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions`);
