# Seed 000: ttlSecondsAfterFinished 100 — the Job and its pod go 100 s after the Job finished.
kubectl apply -f pi-with-ttl.yaml
sim advance 1m
kubectl get jobs,pods
sim advance 100s
kubectl get jobs,pods
