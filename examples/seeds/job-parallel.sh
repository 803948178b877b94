# Seed 000: completions 3, parallelism 2 — two pods first, then the third.
kubectl apply -f job-parallel.yaml
sim advance 5s
kubectl get pods -o wide
sim advance 20s
kubectl get job -o wide
sim advance 30s
kubectl get pods -o wide
kubectl get job -o wide
