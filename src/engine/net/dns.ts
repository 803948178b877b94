/**
 * Cluster DNS, as CoreDNS's kubernetes plugin answers (and the pods' resolv.conf search path):
 *
 *   <svc>.<ns>.svc.cluster.local            ClusterIP, or the ready endpoints of a headless service
 *   <hostname>.<svc>.<ns>.svc.cluster.local  a headless service endpoint with that hostname
 *                                            (pods with spec.hostname + spec.subdomain: Indexed Jobs)
 *   <a-b-c-d>.<ns>.pod.cluster.local         the pod IP a.b.c.d
 *
 * A pod's resolver tries `<name>.<ns>.svc.cluster.local`, `<name>.svc.cluster.local`,
 * `<name>.cluster.local` and then `<name>` (ndots:5), so `svc`, `svc.ns`, `host.subdomain` and the
 * full names all work. Nothing outside the cluster resolves: the simulated cluster has no internet.
 */
import type { EndpointSlice, Service } from '../api/objects.ts';
import type { Store } from '../store/store.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';

export interface DnsAnswer {
  fqdn: string;
  ips: string[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIPv4(text: string): boolean {
  const m = IPV4.exec(text);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

export class ClusterDns {
  constructor(private readonly store: Store) {}

  /** The search list of a pod in `namespace`. */
  static searchDomains(namespace: string): string[] {
    return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  }

  /** Resolve `name` as a pod in `namespace` would. Undefined: NXDOMAIN for every candidate. */
  lookup(name: string, namespace: string): DnsAnswer | undefined {
    const n = name.toLowerCase();
    if (isIPv4(n)) return { fqdn: n, ips: [n] };
    for (const fqdn of ClusterDns.candidates(n, namespace)) {
      const a = this.answer(fqdn);
      if (a) return a;
    }
    return undefined;
  }

  /** The names a lookup tried, in order (nslookup prints one NXDOMAIN per name). */
  static candidates(name: string, namespace: string): string[] {
    const n = name.toLowerCase();
    if (n.endsWith('.')) return [n.slice(0, -1)];
    const dots = n.split('.').length - 1;
    const candidates = ClusterDns.searchDomains(namespace).map((d) => `${n}.${d}`);
    return dots >= 5 ? [n, ...candidates] : [...candidates, n];
  }

  /** Answer an exact name. */
  answer(fqdn: string): DnsAnswer | undefined {
    const suffix = `.svc.${CLUSTER_DOMAIN}`;
    if (fqdn.endsWith(suffix)) {
      const labels = fqdn.slice(0, -suffix.length).split('.');
      if (labels.length === 2) return this.serviceRecord(labels[0]!, labels[1]!, fqdn);
      if (labels.length === 3) return this.hostRecord(labels[0]!, labels[1]!, labels[2]!, fqdn);
      return undefined;
    }
    const podSuffix = `.pod.${CLUSTER_DOMAIN}`;
    if (fqdn.endsWith(podSuffix)) {
      const labels = fqdn.slice(0, -podSuffix.length).split('.');
      const ip = labels[0]?.replace(/-/g, '.');
      if (labels.length === 2 && ip && isIPv4(ip)) return { fqdn, ips: [ip] };
    }
    return undefined;
  }

  private service(name: string, namespace: string): Service | undefined {
    return this.store.get<Service>('Service', `${namespace}/${name}`);
  }

  private slices(svc: Service): EndpointSlice[] {
    return [...this.store.byIndex<EndpointSlice>('EndpointSlice', 'service', `${svc.metadata.namespace}/${svc.metadata.name}`)];
  }

  private serviceRecord(name: string, namespace: string, fqdn: string): DnsAnswer | undefined {
    const svc = this.service(name, namespace);
    if (!svc) return undefined;
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return { fqdn, ips: [svc.spec.clusterIP] };
    const ips = new Set<string>();
    for (const slice of this.slices(svc)) {
      for (const ep of slice.endpoints ?? []) {
        if (ep.conditions?.ready === false && !svc.spec?.publishNotReadyAddresses) continue;
        for (const a of ep.addresses ?? []) ips.add(a);
      }
    }
    return ips.size > 0 ? { fqdn, ips: [...ips].sort() } : undefined;
  }

  private hostRecord(host: string, name: string, namespace: string, fqdn: string): DnsAnswer | undefined {
    const svc = this.service(name, namespace);
    if (!svc || (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None')) return undefined;
    for (const slice of this.slices(svc)) {
      for (const ep of slice.endpoints ?? []) {
        if (ep.hostname !== host) continue;
        if (ep.conditions?.ready === false && !svc.spec?.publishNotReadyAddresses) continue;
        if (ep.addresses && ep.addresses.length > 0) return { fqdn, ips: [...ep.addresses] };
      }
    }
    return undefined;
  }
}
