import { expect } from 'vitest';
import { lessonSuite } from '../testing/lessons.ts';
import { deploymentLesson } from './16-deployment.ts';

lessonSuite(deploymentLesson, ['deployments', 'kubectlScale'], (run) => {
  // Right after the delete, the seed's picture: the old pod Terminating next to its replacement.
  const listing = run.steps.find((s) => s.id === 'self-healing')!.output.split('$ kubectl get pods\n')[1]!;
  expect(listing.match(/^kubia-\w+-\w{5} /gm)).toHaveLength(4);
  expect(listing).toMatch(/Terminating/);
  expect(listing).toMatch(/ContainerCreating|Pending/);
});
