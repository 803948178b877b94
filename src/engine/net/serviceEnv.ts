/**
 * The service environment variables the kubelet gives every container
 * (pkg/kubelet/envvars/envvars.go, in our words): for each Service with a ClusterIP in the pod's
 * namespace — and the `kubernetes` Service from `default` — `<NAME>_SERVICE_HOST`,
 * `<NAME>_SERVICE_PORT`, one `<NAME>_SERVICE_PORT_<PORTNAME>` per named port, and the Docker-link
 * style `<NAME>_PORT*` variables. Only services that exist when the container starts are included.
 */
import type { Service } from '../api/objects.ts';

const envName = (name: string) => name.toUpperCase().replace(/-/g, '_');

export function serviceEnvironment(services: readonly Service[], namespace: string, enableServiceLinks: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  const chosen = services
    .filter((s) => {
      const ip = s.spec?.clusterIP;
      if (!ip || ip === 'None') return false;
      const isMaster = s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes';
      if (isMaster) return true;
      return enableServiceLinks && s.metadata.namespace === namespace;
    })
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  for (const svc of chosen) {
    const name = envName(svc.metadata.name);
    const ip = svc.spec!.clusterIP!;
    const ports = svc.spec?.ports ?? [];
    env[`${name}_SERVICE_HOST`] = ip;
    if (ports[0]) env[`${name}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) env[`${name}_SERVICE_PORT_${envName(p.name)}`] = String(p.port);
    if (ports[0]) {
      const proto = (ports[0].protocol ?? 'TCP').toLowerCase();
      env[`${name}_PORT`] = `${proto}://${ip}:${ports[0].port}`;
    }
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const prefix = `${name}_PORT_${p.port}_${proto}`;
      env[prefix] = `${proto.toLowerCase()}://${ip}:${p.port}`;
      env[`${prefix}_PROTO`] = proto.toLowerCase();
      env[`${prefix}_PORT`] = String(p.port);
      env[`${prefix}_ADDR`] = ip;
    }
  }
  return env;
}
