/**
 * What kubectl needs of the apps controllers' vocabulary (exported from the engine as `apps`):
 * label and annotation keys, revision arithmetic and template comparison, so `kubectl rollout
 * history|undo|status` reads objects exactly as the controllers write them.
 */
export {
  CONTROLLER_REVISION_HASH_LABEL,
  DEPLOYMENT_ANNOTATIONS,
  DS_TEMPLATE_GENERATION_ANNOTATION,
  POD_TEMPLATE_GENERATION_LABEL,
  POD_TEMPLATE_HASH_LABEL,
} from '../api/kinds/apps.ts';
export { canonicalJson } from '../api/canonical.ts';
export { deepEqual } from '../api/objects.ts';
export { ANNOTATIONS_TO_SKIP, equalIgnoreHash, findNewReplicaSet, lastRevision, maxRevision, revisionOf } from './deployment/util.ts';
export { revisionTemplate } from './daemonSet/history.ts';
