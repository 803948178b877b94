# The echo Job of "K8S 任务" (seed 002), exactly as written, and its log.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: echo
spec:
  template:
    spec:
      containers:
      - name: echo
        image: busybox
        command: ["sh", "-c", "echo this a job"]
      restartPolicy:  Never
YAML
sim advance 20s
kubectl get job
kubectl get pods
kubectl logs job/echo
