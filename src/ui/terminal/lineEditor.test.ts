import { describe, expect, it } from 'vitest';
import { applyCompletion, emptyLine, handleKey, type LineState } from './lineEditor.ts';

function type(keys: string[], s: LineState = emptyLine()) {
  let state = s;
  const effects = [];
  for (const k of keys) {
    const r = handleKey(state, k);
    state = r.state;
    if (r.effect) effects.push(r.effect);
  }
  return { state, effects };
}

describe('line editor', () => {
  it('edits, submits and remembers history', () => {
    const { state, effects } = type(['kubectl get po', '\x7f', '\x7f', 'pods', '\r']);
    expect(effects).toEqual([{ type: 'submit', line: 'kubectl get pods' }]);
    expect(state.history).toEqual(['kubectl get pods']);
    const again = type(['\x1b[A'], state);
    expect(again.state.text).toBe('kubectl get pods');
    expect(type(['\x1b[B'], again.state).state.text).toBe('');
  });

  it('moves the cursor and inserts in the middle', () => {
    const { state } = type(['kubectl get', '\x1b[D', '\x1b[D', '\x1b[D', 'X']);
    expect(state.text).toBe('kubectl Xget');
  });

  it('Ctrl-C interrupts and clears the line', () => {
    const { state, effects } = type(['abc', '\x03']);
    expect(effects).toEqual([{ type: 'interrupt' }]);
    expect(state.text).toBe('');
  });

  it('completes to the common prefix, or lists the candidates', () => {
    const s = type(['kubectl get de']).state;
    expect(applyCompletion(s, ['deployments'], 12).state.text).toBe('kubectl get deployments ');
    const two = applyCompletion(s, ['daemonsets', 'deployments'], 12);
    expect(two.list).toEqual(['daemonsets', 'deployments']);
    expect(applyCompletion(type(['kubectl co']).state, ['cordon', 'create'], 8).list).toEqual(['cordon', 'create']);
  });
});
