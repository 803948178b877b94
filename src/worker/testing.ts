/** A Session driven like the worker drives it, for tests: messages captured, requests answered. */
import type { CommandOutput, EngineToUi } from './protocol.ts';
import { Session, type SessionOptions } from './session.ts';

export type Harness = ReturnType<typeof harness>;

export function harness(options: SessionOptions = { starter: '' }) {
  const messages: EngineToUi[] = [];
  let wall = 0;
  const session = new Session({ post: (m) => messages.push(m), wallNow: () => wall }, options);
  let id = 0;
  /** Send a request and return its reply's result; a failed request throws its error. */
  const request = <T>(msg: Record<string, unknown>): T => {
    const myId = ++id;
    session.handle({ ...msg, id: myId } as never);
    const reply = messages.find((m) => m.type === 'reply' && m.id === myId);
    if (!reply || reply.type !== 'reply') throw new Error('no reply');
    if (!reply.ok) throw new Error(reply.error);
    return reply.result as T;
  };
  const text = (o: CommandOutput) => o.chunks.map((c) => c.text).join('');
  const run = (line: string, extra: Record<string, unknown> = {}) => text(request<CommandOutput>({ type: 'runCommand', line, ...extra }));
  const frames = () => messages.filter((m): m is Extract<EngineToUi, { type: 'frame' }> => m.type === 'frame');
  const last = <K extends EngineToUi['type']>(type: K) => messages.filter((m): m is Extract<EngineToUi, { type: K }> => m.type === type).at(-1);
  return { session, messages, request, text, run, frames, last, tick: (ms: number) => (wall += ms) };
}
