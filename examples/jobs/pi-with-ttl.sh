# ttlSecondsAfterFinished (seed 000): 100 s after it finished, the TTL controller deletes the Job
# and, with it, its pods.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: pi-with-ttl
spec:
  ttlSecondsAfterFinished: 100
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
YAML
sim advance 30s
kubectl get job pi-with-ttl
kubectl get pods
sim advance 95s
kubectl get jobs
kubectl get pods
