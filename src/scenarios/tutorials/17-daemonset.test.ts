import { lessonSuite } from '../testing/lessons.ts';
import { daemonSetLesson } from './17-daemonset.ts';

lessonSuite(daemonSetLesson, ['daemonSets', 'demoImages']);
