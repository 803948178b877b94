import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { podFailurePolicy } from './14-pod-failure-policy.ts';

lessonSuite(podFailurePolicy, ['jobs', 'podFailurePolicy', 'kubectlDrain', 'kubectlPatch'], (run) => {
  expect(run.steps.find((s) => s.id === 'inspect-and-delete')!.output).toMatch(
    /message: Container main for pod default\/job-pod-failure-policy-failjob-\w{5}\s+failed with exit code 42 matching FailJob rule at index 0/,
  );
});
