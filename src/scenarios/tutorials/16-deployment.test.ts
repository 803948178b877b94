import { lessonSuite } from '../testing/lessons.ts';
import { deploymentLesson } from './16-deployment.ts';

lessonSuite(deploymentLesson, ['deployments', 'kubectlScale']);
