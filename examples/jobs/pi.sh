# The pi Job from "k8s job机制初探" (seed 000): three completions, two pods at a time.
# Until the perl image exists in the runtime, the container sleeps instead of computing bpi(2000).
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  parallelism: 2
  completions: 3
  backoffLimit: 4
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["sh", "-c", "sleep 30"]
      restartPolicy: Never
YAML
# Two pods start; the third waits for a completion.
sim advance 1s
kubectl get pods -o wide
sim advance 40s
kubectl get pods
kubectl get job -o wide
sim advance 40s
kubectl get pods
kubectl get job pi
kubectl describe job pi
