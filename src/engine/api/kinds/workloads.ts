/**
 * Checks shared by every workload that carries a pod template: the selector must be present and
 * select the template's labels, and the template itself must be a valid pod spec.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { type FieldError, invalid, required } from '../fieldErrors.ts';
import { fromLabelSelector, matches } from '../labels.ts';
import { validatePodSpec } from '../podSpec.ts';
import { validateLabels, validateAnnotations } from '../validation.ts';

export function validateSelectorAndTemplate(selector: LabelSelector | undefined, template: PodTemplateSpec | undefined, path = 'spec'): FieldError[] {
  const errs: FieldError[] = [];
  const labels = template?.metadata?.labels ?? {};
  if (!selector) {
    errs.push(required(`${path}.selector`));
  } else {
    const sel = fromLabelSelector(selector);
    if (sel instanceof Error) errs.push(invalid(`${path}.selector`, selector, sel.message));
    else if (sel && sel.length === 0) errs.push(invalid(`${path}.selector`, selector, 'empty selector is invalid for deployment'.replace('deployment', 'this resource')));
    else if (!matches(sel, labels)) errs.push(invalid(`${path}.template.metadata.labels`, labels, '`selector` does not match template `labels`'));
  }
  errs.push(...validateTemplate(template, `${path}.template`));
  return errs;
}

export function validateTemplate(template: PodTemplateSpec | undefined, path: string): FieldError[] {
  return [
    ...validateLabels(template?.metadata?.labels, `${path}.metadata.labels`),
    ...validateAnnotations(template?.metadata?.annotations, `${path}.metadata.annotations`),
    ...validatePodSpec(template?.spec, `${path}.spec`),
  ];
}
