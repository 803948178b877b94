import { lessonSuite } from '../testing/lessons.ts';
import { nodeFailure } from './18-node-failure.ts';

lessonSuite(nodeFailure, ['deployments', 'nodeEviction', 'kubectlRun', 'kubectlDrain']);
