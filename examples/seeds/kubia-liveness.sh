# Seed 001: kubia-unhealthy answers 500 from its sixth request; the liveness probe (every 10 s)
# fails three times, the kubelet kills the container (node ignores SIGTERM: exit 137 after the 30 s
# grace period) and restarts it, over and over.
kubectl create -f kubia-liveness-probe.yaml
sim advance 4m9s
kubectl get pod kubia-liveness
kubectl logs kubia-liveness --previous
kubectl describe pod kubia-liveness
kubectl get events --field-selector involvedObject.name=kubia-liveness
