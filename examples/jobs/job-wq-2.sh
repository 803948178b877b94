# Fine parallel processing with a work queue (seed 003): no completions, parallelism 2. The Job is
# done once a pod succeeded and all have finished; after the first success no new pod starts.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: job-wq-2
spec:
  parallelism: 2
  template:
    metadata:
      name: job-wq-2
    spec:
      containers:
      - name: c
        image: gcr.io/myproject/job-wq-2
        command: ["sh", "-c", "sleep 20"]
      restartPolicy: OnFailure
YAML
sim advance 10s
kubectl get job job-wq-2
kubectl describe jobs/job-wq-2
kubectl wait --for=condition=complete --timeout=300s job/job-wq-2
kubectl get job job-wq-2
kubectl get pods
