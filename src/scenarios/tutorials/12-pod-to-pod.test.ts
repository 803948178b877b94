import { lessonSuite } from '../testing/lessons.ts';
import { podToPod } from './12-pod-to-pod.ts';

lessonSuite(podToPod, ['jobs', 'indexedJobs', 'services', 'podDns']);
