/** core/v1 Event: written by the event recorder; aggregated in place (count, lastTimestamp). */
import { type KindDef, registerKind } from '../kinds.ts';
import type { Event } from '../objects.ts';
import { required } from '../fieldErrors.ts';
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
    return errs;
  },
};

registerKind(eventKind);
