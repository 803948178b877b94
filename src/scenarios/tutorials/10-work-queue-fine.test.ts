import { lessonSuite } from '../testing/lessons.ts';
import { workQueueFine } from './10-work-queue-fine.ts';

lessonSuite(workQueueFine, ['jobs', 'services', 'exec', 'redisQueue', 'kubectlRun', 'kubectlExec']);
