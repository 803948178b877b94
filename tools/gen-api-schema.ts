/**
 * Generates src/engine/api/schema/generated.ts: the field types of every kind the API server
 * decodes, read from the kubernetes-types declarations with the TypeScript compiler API. The API
 * server uses it to decode request bodies as Go's JSON decoder would (type errors, strict unknown
 * fields) before defaulting and validation.
 *
 *   node --import tsx tools/gen-api-schema.ts
 *
 * kubernetes-types has no integer widths or Go named string types; the few that show up in error
 * messages are listed here (INT64_FIELDS, NAMED_STRINGS), everything else is int32 / string.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const TYPES = path.join(ROOT, 'node_modules', 'kubernetes-types');
const OUT = path.join(ROOT, 'src', 'engine', 'api', 'schema', 'generated.ts');

/** Kind → [module, interface]. */
const KINDS: Record<string, [string, string]> = {
  Pod: ['core/v1', 'Pod'],
  Node: ['core/v1', 'Node'],
  Namespace: ['core/v1', 'Namespace'],
  Event: ['core/v1', 'Event'],
  Service: ['core/v1', 'Service'],
  Endpoints: ['core/v1', 'Endpoints'],
  ConfigMap: ['core/v1', 'ConfigMap'],
  Secret: ['core/v1', 'Secret'],
  ServiceAccount: ['core/v1', 'ServiceAccount'],
  PersistentVolumeClaim: ['core/v1', 'PersistentVolumeClaim'],
  Job: ['batch/v1', 'Job'],
  CronJob: ['batch/v1', 'CronJob'],
  DaemonSet: ['apps/v1', 'DaemonSet'],
  ReplicaSet: ['apps/v1', 'ReplicaSet'],
  Deployment: ['apps/v1', 'Deployment'],
  StatefulSet: ['apps/v1', 'StatefulSet'],
  ControllerRevision: ['apps/v1', 'ControllerRevision'],
  EndpointSlice: ['discovery/v1', 'EndpointSlice'],
  PodDisruptionBudget: ['policy/v1', 'PodDisruptionBudget'],
  Lease: ['coordination/v1', 'Lease'],
};

/** Go int64 fields (`Struct.field`); other integers are int32. */
const INT64_FIELDS = new Set([
  'ObjectMeta.generation',
  'ObjectMeta.deletionGracePeriodSeconds',
  'ListMeta.remainingItemCount',
  'PodSpec.activeDeadlineSeconds',
  'PodSpec.terminationGracePeriodSeconds',
  'Probe.terminationGracePeriodSeconds',
  'Toleration.tolerationSeconds',
  'SecurityContext.runAsUser',
  'SecurityContext.runAsGroup',
  'PodSecurityContext.runAsUser',
  'PodSecurityContext.runAsGroup',
  'PodSecurityContext.fsGroup',
  'PodSecurityContext.supplementalGroups',
  'ServiceAccountTokenProjection.expirationSeconds',
  'SleepAction.seconds',
  'JobSpec.activeDeadlineSeconds',
  'CronJobSpec.startingDeadlineSeconds',
  'DeploymentStatus.observedGeneration',
  'ReplicaSetStatus.observedGeneration',
  'DaemonSetStatus.observedGeneration',
  'StatefulSetStatus.observedGeneration',
  'PodDisruptionBudgetStatus.observedGeneration',
  'ControllerRevision.revision',
  'Condition.observedGeneration',
  'PodCondition.observedGeneration',
]);

/** Go named string types (`Struct.field` → type), for wrong-type messages. */
const NAMED_STRINGS: Record<string, string> = {
  'PodSpec.restartPolicy': 'v1.RestartPolicy',
  'PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'Container.imagePullPolicy': 'v1.PullPolicy',
  'Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'ContainerPort.protocol': 'v1.Protocol',
  'ServicePort.protocol': 'v1.Protocol',
  'Toleration.operator': 'v1.TolerationOperator',
  'Toleration.effect': 'v1.TaintEffect',
  'Taint.effect': 'v1.TaintEffect',
  'ServiceSpec.type': 'v1.ServiceType',
  'ServiceSpec.sessionAffinity': 'v1.ServiceAffinity',
  'NodeSelectorRequirement.operator': 'v1.NodeSelectorOperator',
  'LabelSelectorRequirement.operator': 'v1.LabelSelectorOperator',
  'JobSpec.completionMode': 'v1.CompletionMode',
  'JobSpec.podReplacementPolicy': 'v1.PodReplacementPolicy',
  'CronJobSpec.concurrencyPolicy': 'v1.ConcurrencyPolicy',
  'DeploymentStrategy.type': 'v1.DeploymentStrategyType',
  'DaemonSetUpdateStrategy.type': 'v1.DaemonSetUpdateStrategyType',
  'Secret.type': 'v1.SecretType',
  'PodStatus.phase': 'v1.PodPhase',
  'NamespaceStatus.phase': 'v1.NamespacePhase',
};

/**
 * Fields added in Kubernetes 1.31 and 1.32, after the kubernetes-types release we read, and the
 * `[]byte` fields (base64 on the wire) that kubernetes-types types as plain strings.
 */
const EXTRA_FIELDS: Record<string, Record<string, FieldType>> = {
  'core/v1.Secret': { data: ['map', 'bytes'] },
  'core/v1.ConfigMap': { binaryData: ['map', 'bytes'] },
  'core/v1.PodSpec': { resources: 'core/v1.ResourceRequirements' },
  'core/v1.PodSecurityContext': { supplementalGroupsPolicy: 'string', seLinuxChangePolicy: 'string' },
  'core/v1.Volume': { image: 'any' },
  'core/v1.ContainerStatus': { user: 'any', allocatedResourcesStatus: ['list', 'any'] },
  'core/v1.NodeStatus': { features: 'any' },
};

type FieldType = string | ['list', FieldType] | ['map', FieldType];

interface StructOut {
  go: string;
  fields: Record<string, FieldType>;
}

const program = ts.createProgram(
  [...new Set(Object.values(KINDS).map(([mod]) => path.join(TYPES, `${mod}.d.ts`)))],
  { noEmit: true, skipLibCheck: true },
);
const checker = program.getTypeChecker();
const structs = new Map<string, StructOut>();

/** `core/v1` → the Go package alias used in type names (`v1`). */
function goPackage(file: string): string {
  const rel = path.relative(TYPES, file).replace(/\.d\.ts$/, '');
  return rel.split(path.sep).at(-1)!;
}

function structKey(decl: ts.InterfaceDeclaration): string {
  const rel = path.relative(TYPES, decl.getSourceFile().fileName).replace(/\.d\.ts$/, '').split(path.sep).join('/');
  return `${rel}.${decl.name.text}`;
}

function aliasName(node: ts.TypeReferenceNode): string | undefined {
  const symbol = checker.getSymbolAtLocation(node.typeName);
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return target?.getName();
}

function fieldType(node: ts.TypeNode, owner: string, field: string): FieldType {
  if (node.kind === ts.SyntaxKind.StringKeyword || ts.isLiteralTypeNode(node)) return NAMED_STRINGS[`${owner}.${field}`] ?? 'string';
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'bool';
  if (node.kind === ts.SyntaxKind.NumberKeyword) return INT64_FIELDS.has(`${owner}.${field}`) ? 'int64' : 'int32';
  if (ts.isArrayTypeNode(node)) return ['list', fieldType(node.elementType, owner, field)];
  if (ts.isUnionTypeNode(node)) {
    const kinds = node.types.map((t) => t.kind).sort();
    if (kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) return 'intOrString';
    throw new Error(`unsupported union at ${owner}.${field}`);
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (!index || !index.type) throw new Error(`unsupported type literal at ${owner}.${field}`);
    const value = fieldType(index.type, owner, field);
    return ['map', value];
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = aliasName(node);
    if (name === 'Array' && node.typeArguments?.length === 1) return ['list', fieldType(node.typeArguments[0]!, owner, field)];
    if (name === 'Quantity') return 'quantity';
    if (name === 'Time' || name === 'MicroTime') return 'time';
    if (name === 'RawExtension' || name === 'JSON' || name === 'FieldsV1') return 'any';
    const symbol = checker.getSymbolAtLocation(node.typeName);
    const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const decl = target?.declarations?.find(ts.isInterfaceDeclaration);
    if (!decl) throw new Error(`unresolved type ${node.getText()} at ${owner}.${field}`);
    return visit(decl);
  }
  throw new Error(`unsupported type ${ts.SyntaxKind[node.kind]} at ${owner}.${field}`);
}

function visit(decl: ts.InterfaceDeclaration): string {
  const key = structKey(decl);
  if (structs.has(key)) return key;
  const out: StructOut = { go: `${goPackage(decl.getSourceFile().fileName)}.${decl.name.text}`, fields: {} };
  structs.set(key, out);
  for (const member of decl.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = member.name.getText().replace(/^"|"$/g, '');
    out.fields[name] = fieldType(member.type, decl.name.text, name);
  }
  Object.assign(out.fields, EXTRA_FIELDS[key]);
  return key;
}

function findInterface(mod: string, name: string): ts.InterfaceDeclaration {
  const file = program.getSourceFile(path.join(TYPES, `${mod}.d.ts`));
  const decl = file?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`no interface ${name} in ${mod}`);
  return decl;
}

const roots: Record<string, string> = {};
for (const [kind, [mod, name]] of Object.entries(KINDS)) roots[kind] = visit(findInterface(mod, name));

const version = (JSON.parse(fs.readFileSync(path.join(TYPES, 'package.json'), 'utf8')) as { version: string }).version;
const sorted = Object.fromEntries([...structs].sort(([a], [b]) => (a < b ? -1 : 1)));
const text = `// Generated by tools/gen-api-schema.ts from kubernetes-types ${version}. Do not edit.
import type { ApiSchema } from './types.ts';

export const API_SCHEMA: ApiSchema = ${JSON.stringify({ roots, structs: sorted }, null, 1).replace(/\n\s*/g, ' ')};
`;
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, text);
console.log(`wrote ${path.relative(ROOT, OUT)}: ${Object.keys(roots).length} kinds, ${structs.size} structs, ${text.length} bytes`);
