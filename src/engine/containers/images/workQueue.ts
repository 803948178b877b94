/**
 * The work-queue worker images of the Kubernetes "Job patterns" tutorials, rebuilt as simulations
 * of their real programs:
 *
 * - job-wq-1 (coarse parallel processing, RabbitMQ): Ubuntu with amqp-tools; its CMD runs
 *   `amqp-consume --url=$BROKER_URL -q $QUEUE -c 1 /worker.py`, and worker.py prints
 *   "Processing <message>" and sleeps 10 s.
 * - job-wq-2 (fine parallel processing, Redis): Python with the tutorial's worker.py + rediswq.py:
 *   lease items from the `job2` list with BRPOPLPUSH (2 s timeout), work 10 s each, until both the
 *   queue and the processing list are empty.
 *
 * They match by the last path segment of the image (`gcr.io/<project>/job-wq-1`, `job-wq-2`).
 */
import type { CommandGenerator, ExecEnv } from '../command.ts';
import { sleepFor } from '../command.ts';
import type { ImageSpec } from './image.ts';
import { debianPackages, debianTools } from './debian.ts';
import { amqpTools } from '../commands/amqpTools.ts';
import { curl } from '../commands/netutils.ts';
import { pythonCommand, pythonProgram } from '../commands/python.ts';
import { sha224Hex } from '../commands/sha2.ts';
import { STANDARD_PATH } from './busybox.ts';
import { Connection, type RedisReply, redisCall } from '../../net/redis.ts';

// ---- job-wq-1 ----

const WORKER_1 = `#!/usr/bin/env python

# Just prints standard out and sleeps for 10 seconds.
import sys
import time
print("Processing " + sys.stdin.readlines()[0])
time.sleep(10)
`;

const worker1 = pythonProgram(function* (env: ExecEnv): CommandGenerator {
  const lines = env.io.stdin.readAll().split(/(?<=\n)/).filter((l) => l !== '');
  if (lines.length === 0) {
    env.io.err('Traceback (most recent call last):\n  File "/worker.py", line 6, in <module>\n    print("Processing " + sys.stdin.readlines()[0])\nIndexError: list index out of range\n');
    return 1;
  }
  env.io.out(`Processing ${lines[0]}\n`);
  yield* sleepFor(env, 10_000);
  return 0;
});

export const jobWq1: ImageSpec = {
  family: 'job-wq-1',
  sizeBytes: 61_522_000,
  cmd: ['/bin/sh', '-c', '/usr/bin/amqp-consume --url=$BROKER_URL -q $QUEUE -c 1 /worker.py'],
  env: { PATH: STANDARD_PATH },
  files: { '/worker.py': WORKER_1 },
  commands: { ...debianTools('ubuntu'), ...amqpTools, curl, python: pythonCommand() },
  paths: { '/worker.py': worker1 },
  packages: debianPackages(),
  shell: 'dash',
};

// ---- job-wq-2 ----

const WORKER_2 = `#!/usr/bin/env python

import time
import rediswq

host="redis"
# Uncomment next two lines if you do not have Kube-DNS working.
# import os
# host = os.getenv("REDIS_SERVICE_HOST")

q = rediswq.RedisWQ(name="job2", host=host)
print("Worker with sessionID: " +  q.sessionID())
print("Initial queue state: empty=" + str(q.empty()))
while not q.empty():
  item = q.lease(lease_secs=10, block=True, timeout=2)
  if item is not None:
    itemstr = item.decode("utf-8")
    print("Working on " + itemstr)
    time.sleep(10) # Put your actual work here instead of sleep.
    q.complete(item)
  else:
    print("Waiting for work")
print("Queue empty, exiting")
`;

class RedisError extends Error {}

/** rediswq.RedisWQ over the simulated network (the tutorial's library, same commands). */
function* worker2Body(env: ExecEnv): CommandGenerator {
  const host = 'redis';
  const name = 'job2';
  const processing = `${name}:processing`;
  const leasePrefix = `${name}:leased_by_session:`;
  const session = env.container.rng.uuid();
  const conn = new Connection(env.container.net.podIp());
  const stop = env.container.onStop(() => conn.close());
  const call = function* (args: string[], timeoutMs?: number) {
    const r = yield* redisCall(env, conn, host, 6379, args, timeoutMs);
    if (!r.ok) {
      const why = r.error === 'resolve' ? `Error -2 connecting to ${host}:6379. Name or service not known.` : r.error === 'refused' ? `Error 111 connecting to ${host}:6379. Connection refused.` : `Timeout connecting to server`;
      throw new RedisError(why);
    }
    if (r.reply.t === 'error') throw new RedisError(r.reply.v);
    return r.reply;
  };
  const asInt = (r: RedisReply) => (r.t === 'int' ? r.v : 0);
  const empty = function* () {
    return asInt(yield* call(['LLEN', name])) === 0 && asInt(yield* call(['LLEN', processing])) === 0;
  };
  try {
    env.io.out(`Worker with sessionID: ${session}\n`);
    env.io.out(`Initial queue state: empty=${(yield* empty()) ? 'True' : 'False'}\n`);
    while (!(yield* empty())) {
      const reply = yield* call(['BRPOPLPUSH', name, processing, '2']);
      const item = reply.t === 'bulk' ? reply.v : null;
      if (item !== null) {
        yield* call(['SETEX', `${leasePrefix}${sha224Hex(item)}`, '10', session]);
        env.io.out(`Working on ${item}\n`);
        yield* sleepFor(env, 10_000);
        yield* call(['LREM', processing, '0', item]);
        yield* call(['DEL', `${leasePrefix}${sha224Hex(item)}`, session]);
      } else {
        env.io.out('Waiting for work\n');
      }
    }
    env.io.out('Queue empty, exiting\n');
    return 0;
  } catch (e) {
    if (!(e instanceof RedisError)) throw e;
    env.io.err(`Traceback (most recent call last):\n  File "/app/worker.py", line 14, in <module>\n    print("Initial queue state: empty=" + str(q.empty()))\n  File "/app/rediswq.py", line 57, in empty\n    return self._main_qsize() == 0 and self._processing_qsize() == 0\nredis.exceptions.ConnectionError: ${e.message}\n`);
    return 1;
  } finally {
    stop();
    conn.close();
  }
}

const worker2 = pythonProgram(worker2Body);

export const jobWq2: ImageSpec = {
  family: 'job-wq-2',
  sizeBytes: 52_371_000,
  cmd: ['python', 'worker.py'],
  env: { PATH: STANDARD_PATH, LANG: 'C.UTF-8', PYTHON_VERSION: '3.13.1' },
  workingDir: '/app',
  files: { '/app/worker.py': WORKER_2, '/app/rediswq.py': '# Simple Finite Work Queue with Redis Backend (see the Kubernetes docs)\n' },
  commands: { ...debianTools('debian'), python: pythonCommand(), python3: pythonCommand() },
  paths: { '/app/worker.py': worker2 },
  packages: debianPackages(),
  shell: 'dash',
};
