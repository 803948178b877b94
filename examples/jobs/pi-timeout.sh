# activeDeadlineSeconds (seed 000): after 100 s the Job fails with DeadlineExceeded, its pods are
# deleted (Terminating for their 30 s grace period) and counted as failed.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: pi-timeout
spec:
  parallelism: 2
  completions: 3
  backoffLimit: 5
  activeDeadlineSeconds: 100
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["sh", "-c", "sleep 600"]
      restartPolicy: Never
YAML
sim advance 109s
kubectl get job -o wide
kubectl get pods
# 1.31+: FailureTarget first; the Failed condition and its event once the pods are gone.
sim advance 30s
kubectl get job pi-timeout
kubectl get pods
kubectl describe job pi-timeout
kubectl get job pi-timeout -o yaml
