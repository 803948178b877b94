# The pi Job from "k8s job机制初探" (seed 000): three completions, two pods at a time.
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
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
YAML
# Two pods start; the third waits for a completion. Pulling perl and computing 2000 digits takes
# about 20 s.
sim advance 1s
kubectl get pods -o wide
sim advance 25s
kubectl get pods
kubectl get job -o wide
sim advance 30s
kubectl get pods
kubectl get job pi
kubectl describe job pi
kubectl logs job/pi
