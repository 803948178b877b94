/**
 * apps/v1 ReplicaSet, Deployment, DaemonSet and ControllerRevision: defaults
 * (pkg/apis/apps/v1/defaults.go), registry strategies (pkg/registry/apps/*\/strategy.go: generation
 * and DaemonSet templateGeneration bookkeeping, what a status write may change) and validation
 * (pkg/apis/apps/validation/validation.go), with upstream's field paths and messages.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { type KindDef, registerKind } from '../kinds.ts';
import { type ControllerRevision, type DaemonSet, type Deployment, type ReplicaSet, deepEqual } from '../objects.ts';
import { type FieldError, GoSyntax, forbidden, invalid, notSupported, required } from '../fieldErrors.ts';
import { defaultPodSpec } from '../podSpec.ts';
import { fromLabelSelector, matches } from '../labels.ts';
import { validateNonNegative, validateObjectMeta } from '../validation.ts';
import { validateTemplate } from './workloads.ts';

/** Label the Deployment controller adds to its ReplicaSets, their selectors and pods. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** Label the DaemonSet controller adds to its pods and ControllerRevisions. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
/** Deprecated DaemonSet pod label carrying the template generation. */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Where apps/v1 keeps a DaemonSet's internal spec.templateGeneration. */
export const DS_TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export const DEPLOYMENT_ANNOTATIONS = {
  revision: 'deployment.kubernetes.io/revision',
  revisionHistory: 'deployment.kubernetes.io/revision-history',
  desiredReplicas: 'deployment.kubernetes.io/desired-replicas',
  maxReplicas: 'deployment.kubernetes.io/max-replicas',
} as const;

type IntOrString = number | string;

function defaultTemplate(spec: { template?: PodTemplateSpec }): void {
  spec.template ??= {};
  spec.template.spec ??= { containers: [] };
  defaultPodSpec(spec.template.spec);
}

// ---- intstr.IntOrString validation (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent) ----

/** `%#v` of an intstr.IntOrString, as field errors print it. */
export function intOrStringGoSyntax(v: IntOrString | undefined): GoSyntax {
  if (typeof v === 'string') return new GoSyntax(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`);
  return new GoSyntax(`intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`);
}

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function validatePositiveIntOrPercent(v: IntOrString | undefined, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return validateNonNegative(v, field);
  return /^[0-9]+%$/.test(v) ? [] : [invalid(field, intOrStringGoSyntax(v), PERCENT_MSG)];
}

function notMoreThan100Percent(v: IntOrString | undefined, field: string): FieldError[] {
  if (typeof v !== 'string' || !/^[0-9]+%$/.test(v)) return [];
  return parseInt(v, 10) > 100 ? [invalid(field, v, 'must not be greater than 100%')] : [];
}

/** getIntOrPercentValue: the number, with or without its `%`. */
function intOrPercentValue(v: IntOrString | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return parseInt(v, 10);
  return 0;
}

// ---- selectors and templates ----

/** `%#v` of a metav1.LabelSelector, as the "field is immutable" error prints it. */
export function labelSelectorGoSyntax(ls: LabelSelector | undefined): GoSyntax {
  const labels = ls?.matchLabels;
  const ml = labels
    ? `map[string]string{${Object.keys(labels)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`)
        .join(', ')}}`
    : 'map[string]string(nil)';
  const exprs = ls?.matchExpressions;
  const me = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((x) => JSON.stringify(x)).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoSyntax(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`);
}

function selectorImmutable(a: LabelSelector | undefined, b: LabelSelector | undefined): FieldError[] {
  return deepEqual(a, b) ? [] : [invalid('spec.selector', labelSelectorGoSyntax(a), 'field is immutable')];
}

/** The selector checks of ValidateReplicaSetSpec / ValidateDeploymentSpec / ValidateDaemonSetSpec. */
function validateSelector(selector: LabelSelector | undefined, resource: 'deployment' | 'daemonset'): FieldError[] {
  if (!selector) return [required('spec.selector')];
  const sel = fromLabelSelector(selector);
  if (sel instanceof Error) return [invalid('spec.selector', labelSelectorGoSyntax(selector), sel.message)];
  if ((sel ?? []).length === 0) return [invalid('spec.selector', labelSelectorGoSyntax(selector), `empty selector is invalid for ${resource}`)];
  return [];
}

/** ValidatePodTemplateSpecForReplicaSet (also the DaemonSet template rules). */
function validateControllerTemplate(selector: LabelSelector | undefined, template: PodTemplateSpec | undefined, kind: 'ReplicaSet' | 'DaemonSet'): FieldError[] {
  if (!template) return [required('spec.template')];
  const errs: FieldError[] = [];
  const sel = fromLabelSelector(selector);
  const labels = template.metadata?.labels ?? {};
  if (!(sel instanceof Error) && sel && sel.length > 0 && !matches(sel, labels)) {
    errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validateTemplate(template, 'spec.template'));
  const policy = template.spec?.restartPolicy;
  if (policy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', policy ?? '', ['Always']));
  const deadline = template.spec?.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) {
    errs.push(
      kind === 'ReplicaSet'
        ? forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported')
        : invalid('spec.template.spec.activeDeadlineSeconds', deadline, 'activeDeadlineSeconds in DaemonSet is not Supported'),
    );
  }
  return errs;
}

// ---- ReplicaSet ----

export const replicaSetKind: KindDef<ReplicaSet> = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: true,
  defaults(rs) {
    rs.spec ??= { selector: {} };
    rs.spec.replicas ??= 1;
    defaultTemplate(rs.spec);
  },
  prepareForCreate(rs) {
    rs.status = { replicas: 0 };
  },
  validate(rs) {
    const spec = rs.spec;
    return [
      ...validateObjectMeta(rs.metadata, 'subdomain'),
      ...validateNonNegative(spec?.replicas, 'spec.replicas'),
      ...validateNonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'),
      ...validateSelector(spec?.selector, 'deployment'),
      ...validateControllerTemplate(spec?.selector, spec?.template, 'ReplicaSet'),
    ];
  },
  validateUpdate: (rs, old) => selectorImmutable(rs.spec?.selector, old.spec?.selector),
};

// ---- Deployment ----

function validateDeploymentStrategy(d: Deployment): FieldError[] {
  const strategy = d.spec?.strategy;
  const type = strategy?.type;
  if (type === 'Recreate') {
    return strategy?.rollingUpdate ? [forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type !== 'RollingUpdate') return [notSupported('spec.strategy.type', type ?? '', ['Recreate', 'RollingUpdate'])];
  const ru = strategy?.rollingUpdate;
  if (!ru) return [required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil')];
  const path = 'spec.strategy.rollingUpdate';
  const errs = [...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`), ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(`${path}.maxUnavailable`, intOrStringGoSyntax(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`));
  return errs;
}

export const deploymentKind: KindDef<Deployment> = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: true,
  defaults(d) {
    const spec = (d.spec ??= { selector: {}, template: {} });
    spec.replicas ??= 1;
    spec.strategy ??= {};
    spec.strategy.type ??= 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(spec);
  },
  prepareForCreate(d) {
    d.status = {};
  },
  prepareForUpdate(d, old) {
    // Annotation changes bump the generation too: the controller copies them to the new ReplicaSet.
    if (!deepEqual(d.metadata.annotations ?? {}, old.metadata.annotations ?? {})) d.metadata.generation = (old.metadata.generation ?? 0) + 1;
  },
  prepareForStatusUpdate(d, old) {
    // The status subresource resets spec and labels only: the controller records the revision
    // annotation through it without bumping the generation.
    return { ...old, metadata: { ...old.metadata, annotations: { ...(d.metadata.annotations ?? {}) } }, status: d.status };
  },
  validate(d) {
    const spec = d.spec;
    const errs = [
      ...validateObjectMeta(d.metadata, 'subdomain'),
      ...validateNonNegative(spec?.replicas, 'spec.replicas'),
      ...validateSelector(spec?.selector, 'deployment'),
      ...validateControllerTemplate(spec?.selector, spec?.template, 'ReplicaSet'),
      ...validateDeploymentStrategy(d),
      ...validateNonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'),
      ...validateNonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
    ];
    const deadline = spec?.progressDeadlineSeconds;
    if (deadline !== undefined) {
      errs.push(...validateNonNegative(deadline, 'spec.progressDeadlineSeconds'));
      if (deadline <= (spec?.minReadySeconds ?? 0)) errs.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
    }
    return errs;
  },
  validateUpdate: (d, old) => selectorImmutable(d.spec?.selector, old.spec?.selector),
};

// ---- DaemonSet ----

function templateGeneration(ds: DaemonSet): number {
  const n = parseInt(ds.metadata.annotations?.[DS_TEMPLATE_GENERATION_ANNOTATION] ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

function setTemplateGeneration(ds: DaemonSet, generation: number): void {
  ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), [DS_TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

function validateDaemonSetStrategy(ds: DaemonSet): FieldError[] {
  const strategy = ds.spec?.updateStrategy;
  const type = strategy?.type;
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') return [notSupported('spec.updateStrategy.type', type ?? '', ['RollingUpdate', 'OnDelete'])];
  const ru = strategy?.rollingUpdate;
  const path = 'spec.updateStrategy.rollingUpdate';
  if (!ru) return [required(path)];
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...validatePositiveIntOrPercent(ru.maxSurge, `${path}.maxSurge`),
    ...notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`),
    ...notMoreThan100Percent(ru.maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(`${path}.maxSurge`, intOrStringGoSyntax(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export const daemonSetKind: KindDef<DaemonSet> = {
  kind: 'DaemonSet',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  namespaced: true,
  categories: ['all'],
  hasStatus: true,
  tracksGeneration: true,
  defaults(ds) {
    const spec = (ds.spec ??= { selector: {}, template: {} });
    spec.updateStrategy ??= {};
    spec.updateStrategy.type ??= 'RollingUpdate';
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {};
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultTemplate(spec);
  },
  prepareForCreate(ds) {
    ds.status = { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    setTemplateGeneration(ds, Math.max(1, templateGeneration(ds)));
  },
  prepareForUpdate(ds, old) {
    // spec.templateGeneration is server-owned: it follows the template, whatever the client sent.
    const generation = templateGeneration(old);
    setTemplateGeneration(ds, deepEqual(ds.spec?.template, old.spec?.template) ? generation : generation + 1);
  },
  validate(ds) {
    const spec = ds.spec;
    return [
      ...validateObjectMeta(ds.metadata, 'subdomain'),
      ...validateSelector(spec?.selector, 'daemonset'),
      ...validateControllerTemplate(spec?.selector, spec?.template, 'DaemonSet'),
      ...validateNonNegative(spec?.minReadySeconds, 'spec.minReadySeconds'),
      ...validateDaemonSetStrategy(ds),
      ...validateNonNegative(spec?.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
    ];
  },
  validateUpdate: (ds, old) => selectorImmutable(ds.spec?.selector, old.spec?.selector),
};

// ---- ControllerRevision ----

export const controllerRevisionKind: KindDef<ControllerRevision> = {
  kind: 'ControllerRevision',
  apiVersion: 'apps/v1',
  group: 'apps',
  version: 'v1',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  shortNames: [],
  namespaced: true,
  hasStatus: false,
  tracksGeneration: false,
  validate(cr) {
    const errs = validateObjectMeta(cr.metadata, 'subdomain');
    if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'));
    errs.push(...validateNonNegative(cr.revision, 'revision'));
    return errs;
  },
  validateUpdate(cr, old) {
    return deepEqual(cr.data, old.data) ? [] : [invalid('data', cr.data, 'field is immutable')];
  },
};

registerKind(replicaSetKind);
registerKind(deploymentKind);
registerKind(daemonSetKind);
registerKind(controllerRevisionKind);
