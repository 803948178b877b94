# Seed 003: an Indexed Job whose pods ping each other by <hostname>.<subdomain> through a headless
# Service; each pod finishes once it reached all three.
kubectl apply -f pod-to-pod.yaml
sim advance 30s
kubectl get pods
kubectl get job example-job
kubectl get endpoints headless-svc
kubectl logs -l job-name=example-job,batch.kubernetes.io/job-completion-index=0
