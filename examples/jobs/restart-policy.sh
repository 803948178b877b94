# A Job's pods must not restart forever (seed 000 §5): restartPolicy must be OnFailure or Never.
# Left out, it defaults to Always, which the API server refuses.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: no-policy
spec:
  template:
    spec:
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "exit 1"]
YAML
# With OnFailure the kubelet restarts the container in place; each restart counts towards backoffLimit.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: on-failure
spec:
  backoffLimit: 2
  template:
    spec:
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "exit 1"]
      restartPolicy: OnFailure
YAML
sim advance 20s
kubectl get pods
kubectl get job on-failure
