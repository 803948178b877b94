/** core/v1 Event: written by the event recorder; aggregated in place (count, lastTimestamp). */
import { type KindDef, registerKind } from '../kinds.ts';
import type { Event } from '../objects.ts';
import { invalid, required } from '../fieldErrors.ts';
import { validateObjectMeta } from '../validation.ts';

export const eventKind: KindDef<Event> = {
  kind: 'Event',
  apiVersion: 'v1',
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  shortNames: ['ev'],
  namespaced: true,
  hasStatus: false,
  tracksGeneration: false,
  validate(ev) {
    const errs = validateObjectMeta(ev.metadata, 'subdomain');
    if (!ev.involvedObject) errs.push(required('involvedObject'));
    // Legacy (core/v1) events live in their object's namespace; cluster objects' events in default.
    const involvedNs = ev.involvedObject?.namespace ?? '';
    const ns = ev.metadata.namespace ?? '';
    if (involvedNs ? involvedNs !== ns : ns !== '' && ns !== 'default') errs.push(invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    return errs;
  },
};

registerKind(eventKind);
