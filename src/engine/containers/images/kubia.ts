/**
 * The "Kubernetes in Action" demo app (idealism/kubia, luksa/kubia): a Node.js server on 8080 that
 * answers "You've hit <hostname>" and logs every request. kubia-unhealthy answers 500 from the
 * sixth request on (each container instance counts its own), to demonstrate liveness probes. Node
 * as PID 1 ignores SIGTERM, so a killed container dies of SIGKILL (exit 137).
 */
import type { CommandImpl } from '../command.ts';
import type { ImageSpec } from './image.ts';
import { debianTools } from './debian.ts';
import { curl, netUtils } from '../commands/netutils.ts';
import { STANDARD_PATH } from './busybox.ts';
import { httpListener, httpResponse, serveForever } from '../../net/http.ts';

function app(unhealthy: boolean): CommandImpl {
  return function* (env) {
    env.io.out('Kubia server starting...\n');
    let requests = 0;
    env.container.listen(
      8080,
      httpListener((req) => {
        env.io.out(`Received request from ::ffff:${req.remoteAddr}\n`);
        requests++;
        if (unhealthy && requests > 5) return httpResponse(500, "I'm not well. Please restart me!");
        return httpResponse(200, `You've hit ${env.container.hostname}\n`);
      }),
    );
    return yield* serveForever();
  };
}

function kubiaImage(unhealthy: boolean): ImageSpec {
  const node: CommandImpl = app(unhealthy);
  return {
    family: unhealthy ? 'kubia-unhealthy' : 'kubia',
    sizeBytes: 263_912_000,
    entrypoint: ['node', 'app.js'],
    env: { PATH: STANDARD_PATH, NODE_VERSION: '7.10.1', NPM_CONFIG_LOGLEVEL: 'info' },
    files: { '/app.js': "const http = require('http');\nconst os = require('os');\n// ...the kubia demo server (simulated)\n" },
    commands: { ...debianTools('debian'), node, curl, wget: netUtils('gnu').wget! },
    shell: 'dash',
  };
}

export const kubia = kubiaImage(false);
export const kubiaUnhealthy = kubiaImage(true);
