/** discovery.k8s.io/v1 EndpointSlice: the endpoints of a Service, written by the EndpointSlice controller. */
import { type KindDef, registerKind } from '../kinds.ts';
import type { EndpointSlice } from '../objects.ts';
import { notSupported, required } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';

const ADDRESS_TYPES = ['IPv4', 'IPv6', 'FQDN'];

export const endpointSliceKind: KindDef<EndpointSlice> = {
  kind: 'EndpointSlice',
  apiVersion: 'discovery.k8s.io/v1',
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  shortNames: [],
  namespaced: true,
  hasStatus: false,
  tracksGeneration: true,
  validate(slice) {
    const errs = validateObjectMeta(slice.metadata, 'subdomain');
    if (!slice.addressType) errs.push(required('addressType'));
    else if (!ADDRESS_TYPES.includes(slice.addressType)) errs.push(notSupported('addressType', slice.addressType, ADDRESS_TYPES));
    return errs;
  },
};

registerKind(endpointSliceKind);
