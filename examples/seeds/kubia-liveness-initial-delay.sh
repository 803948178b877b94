# Seed 001: the same probe with initialDelaySeconds: 15 — the first probe comes 15 s after start.
kubectl create -f kubia-liveness-probe-initial-delay.yaml
sim advance 30s
kubectl describe pod kubia-liveness
kubectl logs kubia-liveness
