# An Indexed Job (seed 003): five completions, three at a time; each pod gets its index in the
# batch.kubernetes.io/job-completion-index annotation and label, JOB_COMPLETION_INDEX, and the
# hostname <job>-<index>. The seed's init container picks a word by index and the worker reverses
# it; here the worker prints its index (the kubelet expands $(JOB_COMPLETION_INDEX)).
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: 'indexed-job'
spec:
  completions: 5
  parallelism: 3
  completionMode: Indexed
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: 'worker'
        image: 'docker.io/library/busybox'
        command: ["sh", "-c", "echo index $(JOB_COMPLETION_INDEX); sleep 5"]
YAML
sim advance 3s
kubectl get pods
kubectl wait --for=condition=complete --timeout=300s job/indexed-job
kubectl get pods
kubectl describe jobs/indexed-job
kubectl logs indexed-job-3-kfqpv
