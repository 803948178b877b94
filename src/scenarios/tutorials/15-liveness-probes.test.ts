import { lessonSuite } from '../testing/lessons.ts';
import { livenessProbes } from './15-liveness-probes.ts';

lessonSuite(livenessProbes, ['demoImages', 'livenessProbes']);
