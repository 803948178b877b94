# Seed 002: a Job that prints one line.
kubectl apply -f echo-job.yaml
sim advance 20s
kubectl get job
kubectl get pods
kubectl logs job/echo
