/** Registers every kind the API server serves. Import once for its side effect. */
import './namespace.ts';
import './node.ts';
import './pod.ts';
import './event.ts';
import './configMap.ts';
import './service.ts';
import './endpointSlice.ts';
import './job.ts';
import './cronJob.ts';
import './apps.ts';
import './policy.ts';
