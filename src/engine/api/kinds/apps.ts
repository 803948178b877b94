/**
 * apps/v1 ReplicaSet, Deployment, DaemonSet and ControllerRevision: defaults
 * (pkg/apis/apps/v1/defaults.go) and validation (pkg/apis/apps/validation).
 */
type IntOrString = number | string;
import { type KindDef, registerKind } from '../kinds.ts';
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet } from '../objects.ts';
import { type FieldError, invalid, notSupported } from '../fieldErrors.ts';
import { defaultPodSpec } from '../podSpec.ts';
import { validateNonNegative, validateObjectMeta } from '../validation.ts';
import { validateSelectorAndTemplate } from './workloads.ts';

function defaultTemplate(spec: { template?: { spec?: unknown } }): void {
  spec.template ??= {};
  spec.template.spec ??= { containers: [] };
  defaultPodSpec(spec.template.spec as never);
}

function validateIntOrPercent(v: IntOrString | undefined, field: string): FieldError[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return validateNonNegative(v, field);
  if (!/^\d+%$/.test(v)) return [invalid(field, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")];
  if (parseInt(v, 10) > 100) return [invalid(field, v, 'must not be greater than 100%')];
  return [];
}

function selectorImmutable(a: unknown, b: unknown): FieldError[] {
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [invalid('spec.selector', a, 'field is immutable')];
}

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
    return [
      ...validateObjectMeta(rs.metadata, 'subdomain'),
      ...validateNonNegative(rs.spec?.replicas, 'spec.replicas'),
      ...validateNonNegative(rs.spec?.minReadySeconds, 'spec.minReadySeconds'),
      ...validateSelectorAndTemplate(rs.spec?.selector, rs.spec?.template),
      ...restartAlways(rs.spec?.template?.spec?.restartPolicy),
    ];
  },
  validateUpdate: (rs, old) => selectorImmutable(rs.spec?.selector, old.spec?.selector),
};

function restartAlways(policy: string | undefined): FieldError[] {
  return policy && policy !== 'Always' ? [notSupported('spec.template.spec.restartPolicy', policy, ['Always'])] : [];
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
  validate(d) {
    const spec = d.spec!;
    const errs = [
      ...validateObjectMeta(d.metadata, 'subdomain'),
      ...validateNonNegative(spec.replicas, 'spec.replicas'),
      ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
      ...validateSelectorAndTemplate(spec.selector, spec.template),
      ...restartAlways(spec.template?.spec?.restartPolicy),
    ];
    const type = spec.strategy?.type;
    if (type && type !== 'RollingUpdate' && type !== 'Recreate') errs.push(notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
    if (type === 'Recreate' && spec.strategy?.rollingUpdate) {
      errs.push({ type: 'Forbidden', field: 'spec.strategy.rollingUpdate', detail: 'may not be specified when strategy `type` is \'Recreate\'' });
    }
    const ru = spec.strategy?.rollingUpdate;
    errs.push(...validateIntOrPercent(ru?.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
    errs.push(...validateIntOrPercent(ru?.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
    if (ru && (ru.maxSurge === 0 || ru.maxSurge === '0%') && (ru.maxUnavailable === 0 || ru.maxUnavailable === '0%')) {
      errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    if (spec.progressDeadlineSeconds !== undefined && spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
    return errs;
  },
  validateUpdate: (d, old) => selectorImmutable(d.spec?.selector, old.spec?.selector),
};

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
  },
  validate(ds) {
    const spec = ds.spec!;
    const errs = [
      ...validateObjectMeta(ds.metadata, 'subdomain'),
      ...validateSelectorAndTemplate(spec.selector, spec.template),
      ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ];
    const policy = spec.template?.spec?.restartPolicy;
    if (policy !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', policy ?? '', ['Always']));
    const type = spec.updateStrategy?.type;
    if (type && type !== 'RollingUpdate' && type !== 'OnDelete') errs.push(notSupported('spec.updateStrategy.type', type, ['OnDelete', 'RollingUpdate']));
    errs.push(...validateIntOrPercent(spec.updateStrategy?.rollingUpdate?.maxSurge, 'spec.updateStrategy.rollingUpdate.maxSurge'));
    errs.push(...validateIntOrPercent(spec.updateStrategy?.rollingUpdate?.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
    return errs;
  },
  validateUpdate: (ds, old) => selectorImmutable(ds.spec?.selector, old.spec?.selector),
};

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
    return validateObjectMeta(cr.metadata, 'subdomain');
  },
};

registerKind(replicaSetKind);
registerKind(deploymentKind);
registerKind(daemonSetKind);
registerKind(controllerRevisionKind);
