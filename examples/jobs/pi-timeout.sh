# activeDeadlineSeconds (seed 000): after 100 s the Job fails with DeadlineExceeded, its pods are
# deleted and counted as failed. Here pulling perl and computing 2000 digits takes well under 100 s
# (the seed's cluster took minutes per pod), so the pods are held for 150 s with a kubesim annotation
# (inert on a real cluster).
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
    metadata:
      annotations:
        kubesim.dev/run-seconds: "150"
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
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
