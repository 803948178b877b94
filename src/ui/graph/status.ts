/**
 * One look per pod STATUS, the same everywhere (graph chips, legend, inspector): a colour and a
 * shape (filled, hollow, crossed, checked) so colour is never the only signal.
 */
export type StatusClass = 'pending' | 'running' | 'completed' | 'error' | 'crashloop' | 'pull' | 'terminating' | 'unknown';

export function statusClass(status: string): StatusClass {
  if (status === 'Running') return 'running';
  if (status === 'Completed' || status === 'Succeeded') return 'completed';
  if (status === 'Terminating') return 'terminating';
  if (status === 'CrashLoopBackOff') return 'crashloop';
  if (status === 'ImagePullBackOff' || status === 'ErrImagePull' || status === 'InvalidImageName') return 'pull';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing' || status.startsWith('Init:') || status === 'SchedulingGated') return 'pending';
  if (status === 'Unknown' || status === 'NotReady') return 'unknown';
  return 'error'; // Error, OOMKilled, ExitCode:N, Signal:N, Evicted, Failed...
}

export const STATUS_LEGEND: { cls: StatusClass; label: string }[] = [
  { cls: 'pending', label: 'Pending / ContainerCreating' },
  { cls: 'running', label: 'Running' },
  { cls: 'completed', label: 'Completed' },
  { cls: 'error', label: 'Error' },
  { cls: 'crashloop', label: 'CrashLoopBackOff' },
  { cls: 'pull', label: 'ImagePullBackOff' },
  { cls: 'terminating', label: 'Terminating' },
];
