# Deleting a Job without its pods (seed 000: kubectl delete jobs/old --cascade=false): the pods keep
# running as orphans, and a new Job whose selector matches them adopts them instead of starting new ones.
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: old
spec:
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "sleep 60"]
      restartPolicy: Never
YAML
sim advance 5s
kubectl delete jobs/old --cascade=false
kubectl get jobs
kubectl get pods --show-labels
kubectl apply -f - <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: new
spec:
  manualSelector: true
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "sleep 60"]
      restartPolicy: Never
YAML
kubectl get pods
sim advance 60s
kubectl get job new
kubectl describe job new
