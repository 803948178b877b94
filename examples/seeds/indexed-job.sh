# Seed 003: an Indexed Job; each pod's init container picks an item by JOB_COMPLETION_INDEX into a
# shared emptyDir and the worker reverses it. Then the downward API variant.
kubectl apply -f indexed-job.yaml
sim advance 1m
kubectl get pods
kubectl describe jobs/indexed-job
kubectl logs -l job-name=indexed-job
kubectl delete job indexed-job
sim advance 5s
kubectl apply -f indexed-job-vol.yaml
sim advance 1m
kubectl logs -l job-name=indexed-job
