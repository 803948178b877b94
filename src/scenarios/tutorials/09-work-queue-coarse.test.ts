import { lessonSuite } from '../testing/lessons.ts';
import { workQueueCoarse } from './09-work-queue-coarse.ts';

lessonSuite(workQueueCoarse, ['jobs', 'services', 'exec', 'rabbitmqQueue', 'kubectlRun', 'kubectlExec']);
