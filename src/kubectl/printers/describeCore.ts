/**
 * `kubectl describe` for Namespace, ConfigMap and Secret (describeNamespace, describeConfigMap,
 * describeSecret in staging/src/k8s.io/kubectl/pkg/describe/describe.go, in our words). Secrets
 * show sizes, never values.
 */
import { type ConfigMap, type Namespace, type Secret } from '../../engine/index.ts';
import { DescribeWriter, LEVEL_0, LEVEL_1, eventsFor, registerDescriber, writeAnnotations, writeEvents, writeLabels } from './describe.ts';

registerDescriber('Namespace', (obj) => {
  const ns = obj as unknown as Namespace;
  const w = new DescribeWriter();
  w.line(LEVEL_0, `Name:\t${ns.metadata.name}`);
  writeLabels(w, 'Labels', ns.metadata.labels);
  writeAnnotations(w, 'Annotations', ns.metadata.annotations);
  w.line(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}`);
  const conditions = ns.status?.conditions ?? [];
  if (conditions.length > 0) {
    w.line(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastTransitionTime\tReason\tMessage');
    w.line(LEVEL_1, '----\t------\t------------------\t------\t-------');
    for (const c of conditions) w.line(LEVEL_1, `${c.type}\t${c.status}\t${c.lastTransitionTime ?? ''}\t${c.reason ?? ''}\t${c.message ?? ''}`);
  }
  w.line(LEVEL_0, '\nNo resource quota.');
  w.line(LEVEL_0, '\nNo LimitRange resource.');
  return w.toString();
});

registerDescriber('ConfigMap', (obj, ctx) => {
  const cm = obj as unknown as ConfigMap;
  const w = new DescribeWriter();
  w.line(LEVEL_0, `Name:\t${cm.metadata.name}`);
  w.line(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}`);
  writeLabels(w, 'Labels', cm.metadata.labels);
  writeAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.write(LEVEL_0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) w.write(LEVEL_0, `${k}:\n----\n${cm.data![k]}\n\n`);
  w.write(LEVEL_0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${k}: ${Math.floor((cm.binaryData![k]!.length * 3) / 4)} bytes\n`);
  w.write(LEVEL_0, '\n');
  if (ctx.showEvents) writeEvents(w, eventsFor(ctx.client, cm), ctx.nowMs);
  return w.toString();
});

/** Decoded length of a base64 value (what `describe secret` reports). */
function decodedLength(b64: string): number {
  const clean = b64.replace(/\s/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

registerDescriber('Secret', (obj) => {
  const s = obj as unknown as Secret;
  const w = new DescribeWriter();
  w.line(LEVEL_0, `Name:\t${s.metadata.name}`);
  w.line(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}`);
  writeLabels(w, 'Labels', s.metadata.labels);
  writeAnnotations(w, 'Annotations', s.metadata.annotations);
  w.line(LEVEL_0, `\nType:\t${s.type ?? ''}`);
  w.line(LEVEL_0, '\nData\n====');
  for (const k of Object.keys(s.data ?? {}).sort()) w.line(LEVEL_0, `${k}:\t${decodedLength(s.data![k]!)} bytes`);
  return w.toString();
});
